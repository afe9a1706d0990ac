"""The cabinet's PDF documents (fpdf2, with a TrueType font that has every Kazakh letter): fee invoices in
Kazakh and Russian, and the membership certificate.

Documents are drawn in the language asked for (`translation.override`), with dates and amounts as that
language writes them.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from dkz_site.dates import long_date

FONT = "DejaVu"
NEXT_LINE = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT}


def _document(title: str) -> FPDF:
    folder = Path(settings.PDF_FONT_DIR)
    pdf = FPDF(format="A4")
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_font(FONT, "", str(folder / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(folder / "DejaVuSans-Bold.ttf"))
    pdf.set_title(title)
    pdf.set_author(settings.ASSOCIATION["name"])
    pdf.set_creator(settings.ASSOCIATION["name"])
    pdf.set_lang(translation.get_language() or settings.LANGUAGE_CODE)
    pdf.add_page()
    return pdf


def _money(amount: Decimal) -> str:
    return formats.number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)


def _line(pdf: FPDF, text: str, *, size: int = 10, bold: bool = False, height: float = 5.5):
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.multi_cell(0, height, text, **NEXT_LINE)


def requisites() -> list[tuple[str, str]]:
    """The association's bank requisites, as the invoice prints them (settings.ASSOCIATION_REQUISITES)."""
    given = settings.ASSOCIATION_REQUISITES
    rows = [
        (_("BIN"), given.get("bin", "")),
        (_("Bank"), given.get("bank", "")),
        (_("Account (IIK)"), given.get("iik", "")),
        (_("BIK"), given.get("bik", "")),
        (_("Beneficiary code (Kbe)"), given.get("kbe", "")),
        (_("Payment purpose code (KNP)"), given.get("knp", "")),
    ]
    return [(label, value) for label, value in rows if value]


def invoice_pdf(invoice, language: str) -> bytes:
    """The invoice as a PDF in `language` (kk or ru): requisites, payer, lines, total, payment reference."""
    with translation.override(language):
        title = _("Invoice %(number)s") % {"number": invoice.number}
        pdf = _document(title)
        _line(pdf, str(_("Digital Kazakhstan association")), size=9)
        _line(pdf, str(settings.ASSOCIATION["address"]), size=9)
        pdf.ln(4)
        _line(pdf, title, size=16, bold=True, height=8)
        _line(pdf, _("Issued on %(date)s") % {"date": long_date(invoice.issued_on)})
        pdf.ln(3)
        _line(pdf, _("Beneficiary"), bold=True)
        _line(pdf, str(_("Digital Kazakhstan association")))
        found = requisites()
        for label, value in found:
            _line(pdf, f"{label}: {value}")
        if not found:
            _line(
                pdf,
                _("The association's bank details are sent on request: %(email)s")
                % {"email": settings.ASSOCIATION["email"]},
            )
        pdf.ln(3)
        _line(pdf, _("Payer"), bold=True)
        _line(pdf, invoice.payer_company_name)
        _line(pdf, f"{_('BIN')}: {invoice.payer_bin}")
        pdf.ln(4)
        _invoice_lines(pdf, invoice)
        pdf.ln(4)
        _line(
            pdf,
            _("Pay by %(date)s.") % {"date": long_date(invoice.due_on)},
            bold=True,
        )
        _line(
            pdf,
            _(
                "Payment reference: write the invoice number %(number)s in the purpose of the payment, "
                "so that the payment is matched to this invoice."
            )
            % {"number": invoice.number},
        )
        if invoice.paid_on:
            pdf.ln(2)
            _line(pdf, _("Paid on %(date)s.") % {"date": long_date(invoice.paid_on)}, bold=True)
        return bytes(pdf.output())


def _invoice_lines(pdf: FPDF, invoice) -> None:
    pdf.set_font(FONT, "", 10)
    rows = [(_("Membership fee"), invoice.amount_kzt)]
    if invoice.annual_fee_mci is not None and invoice.mci_value_kzt:
        from association.fees import to_tenge

        rows = [
            (_("Annual membership fee"), to_tenge(invoice.annual_fee_mci, invoice.mci_value_kzt))
        ]
        if invoice.entrance_fee_mci:
            entrance = to_tenge(invoice.entrance_fee_mci, invoice.mci_value_kzt)
            rows.append((_("Entrance fee"), entrance))
    with pdf.table(col_widths=(10, 110, 54), text_align=("LEFT", "LEFT", "RIGHT")) as table:
        header = table.row()
        for text in ("№", _("Description"), _("Amount, KZT")):
            header.cell(text)
        for number, (text, amount) in enumerate(rows, start=1):
            row = table.row()
            row.cell(str(number))
            row.cell(f"{text} ({invoice.number})")
            row.cell(_money(amount))
        total = table.row()
        total.cell("")
        total.cell(_("Total"))
        total.cell(_money(invoice.amount_kzt))


def _qr_image(url: str):
    import qrcode

    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=8, border=2)
    qr.add_data(url)
    qr.make(fit=True)
    return qr.make_image().get_image()


def certificate_pdf(membership, *, code: str, url: str, language: str) -> bytes:
    """The membership certificate in `language` (kk, ru or en), with a QR code of its verification page."""
    with translation.override(language):
        title = _("Membership certificate")
        pdf = _document(title)
        pdf.ln(10)
        _line(pdf, str(_("Digital Kazakhstan association")), size=12, bold=True)
        pdf.ln(10)
        pdf.set_font(FONT, "B", 24)
        pdf.multi_cell(0, 12, title, align="C", **NEXT_LINE)
        pdf.ln(8)
        pdf.set_font(FONT, "", 12)
        pdf.multi_cell(
            0,
            7,
            _("This certifies that %(company)s (BIN %(bin)s) is a member of the association.")
            % {"company": membership.company_name, "bin": membership.bin},
            align="C",
            **NEXT_LINE,
        )
        pdf.ln(4)
        pdf.multi_cell(
            0,
            7,
            _("Member since %(start)s; the current term runs until %(end)s.")
            % {"start": long_date(membership.starts_on), "end": long_date(membership.end_date)},
            align="C",
            **NEXT_LINE,
        )
        pdf.ln(10)
        size = 50
        pdf.image(_qr_image(url), x=(pdf.w - size) / 2, w=size, h=size)
        pdf.ln(4)
        pdf.set_font(FONT, "", 10)
        pdf.multi_cell(
            0,
            6,
            _(
                "The membership is valid only while the page behind this QR code confirms it. "
                "Verification code: %(code)s"
            )
            % {"code": code},
            align="C",
            **NEXT_LINE,
        )
        pdf.set_font(FONT, "", 9)
        pdf.multi_cell(0, 6, url, align="C", **NEXT_LINE)
        return bytes(pdf.output())
