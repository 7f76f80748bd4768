"""One pagination for every API list: `?page=` (and `?page_size=`, at most 100)."""

from collections.abc import Callable, Sequence
from typing import Any, overload

from django.db.models import QuerySet
from ninja.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """`{"items": [...], "count": N}`, 50 items a page unless `page_size` asks for fewer or more."""

    def __init__(self, **kwargs):
        kwargs.setdefault("page_size", 50)
        kwargs.setdefault("max_page_size", 100)
        super().__init__(**kwargs)


class Converted(Sequence[Any]):
    """A sequence whose items are converted when taken, so that the pagination converts
    only the page it slices out (the directory's `Results` load only what is sliced)."""

    def __init__(self, items: Sequence[Any], convert: Callable[[Any], Any]) -> None:
        self.items = items
        self.convert = convert

    def __len__(self) -> int:
        # A QuerySet is counted in the database, not loaded whole to be counted.
        if isinstance(self.items, QuerySet):
            return self.items.count()
        return len(self.items)

    @overload
    def __getitem__(self, index: int) -> Any: ...

    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [self.convert(item) for item in self.items[index]]
        return self.convert(self.items[index])
