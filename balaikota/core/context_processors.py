"""Template context every page needs: the navigation the signed-in person may use."""

from .navigation import items_for


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None:
        return {"nav_items": [], "nav_key": ""}
    items = items_for(user)
    path = getattr(request, "path", "")
    # the menu as drawn: its entries (label, address, count) and which one is this page
    key = repr(
        (
            tuple((str(i.label), i.url, i.count) for i in items),
            next((i.url for i in items if i.url == path), ""),
        )
    )
    return {"nav_items": items, "nav_key": key}
