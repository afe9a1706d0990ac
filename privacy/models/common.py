def normalise_email(email: str) -> str:
    """Addresses are compared case-insensitively everywhere personal data is looked up."""
    return (email or "").strip().lower()
