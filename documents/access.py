"""Documents belong to an organization; a letter's signatures follow the letter."""

from core.access import declare
from directory.access import OwnedPolicy
from documents.models import Document, Signature

declare(Document, OwnedPolicy())
declare(Signature, OwnedPolicy(parent="document"))
