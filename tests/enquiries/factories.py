import factory
from django.utils import timezone

from enquiries.models import Enquiry, EnquiryMessage


class EnquiryFactory(factory.django.DjangoModelFactory):
    """An enquiry with its opening message in the thread, as the contact form leaves it."""

    class Meta:
        model = Enquiry
        skip_postgeneration_save = True

    name = "Aigerim Nurlanovna"
    email = factory.Sequence(lambda n: f"visitor{n}@example.kz")
    company = "Qazaq Soft LLP"
    message = factory.Sequence(lambda n: f"Hello, question number {n} about membership.")
    language = "en"
    status = Enquiry.Status.NEW
    created_at = factory.LazyFunction(timezone.now)
    last_contact_at = factory.SelfAttribute("created_at")
    waiting_since = factory.SelfAttribute("created_at")

    @factory.post_generation
    def opening(self, create, extracted, **kwargs):
        if create:
            EnquiryMessage.objects.create(
                enquiry=self,
                direction=EnquiryMessage.Direction.INBOUND,
                body=self.message,
                sent_at=self.created_at,
                client_ip="203.0.113.7",
                user_agent="Mozilla/5.0 (test)",
                referrer="https://example.kz/",
            )


class EnquiryMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EnquiryMessage

    enquiry = factory.SubFactory(EnquiryFactory)
    direction = EnquiryMessage.Direction.OUTBOUND
    body = "Thank you for your question."
    sent_at = factory.LazyFunction(timezone.now)
