"""Pagination whose cost does not grow with the table: counting stops at a cap."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """Counts at most ``cap`` rows (COUNT over a LIMIT subquery), so a work queue with a
    backlog of 100 000 items pages as fast as one with 100. Pages past the cap are not offered;
    filters narrow the list instead."""

    def __init__(self, object_list, per_page, *, cap: int = 1000, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap

    @cached_property
    def count(self) -> int:
        return self.object_list[: self.cap + 1].count()

    @property
    def is_capped(self) -> bool:
        return self.count > self.cap
