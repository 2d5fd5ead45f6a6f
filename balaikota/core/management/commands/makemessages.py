"""``makemessages`` that also extracts ``N("…")``: the apps write refusals and public texts of
their workflow tables as ``gettext_noop`` under the short alias ``N`` (translated when shown),
which Django's default keyword list does not know — without this they had no English."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=N"]
