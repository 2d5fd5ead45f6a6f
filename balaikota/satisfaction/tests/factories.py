"""A service with an invitation to its survey, in one call."""

from balaikota.catalogue.tests.factories import PublicServiceFactory
from balaikota.satisfaction import services


def invitation_for(service=None, *, source_id: int = 1, recipient=None, opd=None):
    if service is None:
        service = PublicServiceFactory(**({"opd": opd} if opd is not None else {}))
    return services.survey_invite(
        service=service, source_app="test", source_id=source_id, recipient=recipient
    )


def answered(invitation, value: int = 3, **answers):
    return services.survey_answer(
        token=invitation.token, answers={f"u{i}": answers.get(f"u{i}", value) for i in range(1, 10)}
    )
