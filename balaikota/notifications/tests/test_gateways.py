import pytest

from balaikota.notifications.gateways import LocalGateway, get_gateway, mask_phone


class FakeProvider:
    def __init__(self, *, channel):
        self.channel = channel

    def send(self, *, to, body):
        return "fake-1"


def test_the_local_gateway_is_the_default():
    gateway = get_gateway("sms")
    assert isinstance(gateway, LocalGateway)
    assert gateway.send(to="081234567890", body="Halo").startswith("local-")


def test_the_gateway_class_comes_from_settings(settings):
    settings.BALAIKOTA_WHATSAPP_GATEWAY = f"{__name__}.FakeProvider"
    gateway = get_gateway("whatsapp")
    assert isinstance(gateway, FakeProvider)
    assert gateway.channel == "whatsapp"
    assert isinstance(get_gateway("sms"), LocalGateway)


def test_email_has_no_gateway():
    with pytest.raises(ValueError):
        get_gateway("email")


@pytest.mark.parametrize(
    ("number", "masked"),
    [("081234567890", "0812*****890"), ("+62 812-3456-7890", "6281******890"), ("12345", "*****")],
)
def test_phone_numbers_are_masked(number, masked):
    assert mask_phone(number) == masked
