"""The directory's search index: one document per company, rebuilt by the services."""

from django.db import models


class SearchDocument(models.Model):
    """Everything a company can be found by, as one text (names, offerings, skills with
    their German and English labels and synonyms, vendors, industries, regions, people's
    functions and expertise).

    PostgreSQL searches it with full-text search (`german` and `english`) and pg_trgm;
    SQLite with an FTS5 trigram table kept in step by triggers (see migrations).
    """

    company = models.OneToOneField(
        "members.Company", on_delete=models.CASCADE, related_name="search_document"
    )
    text = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.company_id}: {self.text[:60]}"
