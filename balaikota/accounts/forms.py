"""Forms for accounts: the citizen sign-up adds full name and NIK to allauth's form."""

from allauth.account import app_settings
from allauth.account import forms as allauth_forms
from django import forms
from django.utils.translation import gettext_lazy as _

from balaikota.core.identity import parse_nik

from .models import User


class CitizenSignupForm(forms.Form):
    full_name = forms.CharField(
        label=_("Nama lengkap"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    nik = forms.CharField(
        label=_("NIK"),
        min_length=16,
        max_length=16,
        help_text=_("16 angka, sesuai KTP-el atau Kartu Keluarga."),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "pattern": "[0-9]{16}"}
        ),
    )
    field_order = ["full_name", "nik", "email", "password1", "password2"]

    def clean_full_name(self) -> str:
        name = " ".join(self.cleaned_data["full_name"].split())
        if len(name) < 2:
            raise forms.ValidationError(_("Tuliskan nama lengkap sesuai KTP-el."))
        return name

    def clean_nik(self) -> str:
        nik = parse_nik(self.cleaned_data["nik"]).value
        if User.objects.filter(nik=nik).exists():
            raise forms.ValidationError(
                _("NIK ini sudah terdaftar. Masuk dengan akun Anda atau atur ulang kata sandi."),
                code="nik_taken",
            )
        return nik

    def signup(self, request, user) -> None:
        """allauth calls this after the adapter saved the user; the adapter did the work."""


class LoginForm(allauth_forms.LoginForm):
    """allauth's login, labelled for both kinds of people: citizens (e-mail) and ASN (NIP)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        login = self.fields["login"]
        login.label = _("E-mail atau NIP")
        login.widget.attrs.update({"placeholder": "", "autocomplete": "username"})
        self.fields["password"].widget.attrs["placeholder"] = ""

    def clean(self):
        cleaned = super().clean()
        login = getattr(self, "_login", None)
        if login is not None and login.user.kind == User.Kind.EMPLOYEE:
            # Civil servants are provisioned by the city from HR records (their NIP is their
            # identity); an e-mail address is optional for them and never blocks signing in.
            login.email_verification = app_settings.EmailVerificationMethod.NONE
        return cleaned
