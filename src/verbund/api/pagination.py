"""One pagination for every API list: `?page=` (and `?page_size=`, at most 100)."""

from ninja.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """`{"items": [...], "count": N}`, 50 items a page unless `page_size` asks for fewer or more."""

    def __init__(self, **kwargs):
        kwargs.setdefault("page_size", 50)
        kwargs.setdefault("max_page_size", 100)
        super().__init__(**kwargs)
