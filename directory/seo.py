"""What search engines and link previews read about a member: schema.org Organization data."""

from django.conf import settings


def organization_data(member, profile_url: str) -> dict:
    """JSON-LD for the profile; only the public fields the company chose to publish."""
    profile = member.profile
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": member.company_name,
        "url": profile.website or profile_url,
        "mainEntityOfPage": profile_url,
        "taxID": member.bin,
        "address": {
            "@type": "PostalAddress",
            "addressRegion": str(member.region_label),
            **({"streetAddress": profile.address} if profile.address else {}),
            "addressCountry": "KZ",
        },
        "memberOf": {
            "@type": "Organization",
            "name": settings.ASSOCIATION["name"],
            "url": settings.SITE_URL,
        },
    }
    description = profile.description()
    if description:
        data["description"] = description
    if profile.public_email:
        data["email"] = profile.public_email
    if profile.public_phone:
        data["telephone"] = profile.public_phone
    if profile.website:
        data["sameAs"] = [profile.website]
    return data
