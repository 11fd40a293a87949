"""extractor: quantitative claims from Chinese reports and the English news that covers them."""
from .api import extract_file, extract_text
from .models import CLAIM_COLUMNS, ExtractorError
from .quantities import quantities

__version__ = "0.1.0"

__all__ = ["extract_text", "extract_file", "quantities", "CLAIM_COLUMNS", "ExtractorError", "__version__"]
