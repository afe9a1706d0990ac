"""What search engines and link previews read about a member: schema.org Organization data."""

from django.conf import settings


def organization_data(member, profile_url: str) -> dict:
    """JSON-LD for the profile; only the public fields the company chose to publish."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": member.company_name,
        "url": member.website or profile_url,
        "mainEntityOfPage": profile_url,
        "taxID": member.bin,
        "address": {
            "@type": "PostalAddress",
            "addressRegion": str(member.region_label),
            "addressCountry": "KZ",
        },
        "memberOf": {
            "@type": "Organization",
            "name": settings.ASSOCIATION["name"],
            "url": settings.SITE_URL,
        },
    }
    description = member.description()
    if description:
        data["description"] = description
    if member.public_email:
        data["email"] = member.public_email
    if member.public_phone:
        data["telephone"] = member.public_phone
    if member.website:
        data["sameAs"] = [member.website]
    return data
