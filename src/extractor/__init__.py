"""extractor: quantitative claims from Chinese reports and the English news that covers them."""
__version__ = "0.1.0"
