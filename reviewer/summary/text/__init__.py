"""Text structure shared by the extractors: sentences, sections and NegEx-style context."""
