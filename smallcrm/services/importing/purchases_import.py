"""Importing purchases from a till, web shop or spreadsheet export, as one transaction that can be undone.

Each row is a sale (or a line of one): a date, the customer, an amount, or a quantity and a unit
price. Rows sharing a receipt or invoice number on one day become one purchase with a line per row, its total
the sum of quantity x unit price (a till that numbers its receipts from 1 each morning repeats a number on
another day: another receipt); a line with a negative price is a discount (at a later time too, when its words
say so: a till stamping each line), and a unit price finer than the
currency's smallest coin (0.001) makes one line of what the quantity came to. Quantities and amounts that
read two ways ("1,000") are read with the decimal mark the file's other values show; an amount written
with another currency's sign ("£25.00"), in a file with no currency column, is in that currency.
Cancellations and returns (a negative total, or an invoice number starting with "C" as in the well-known Online
Retail layout `InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country`) and rows whose
type says they are returns ("Refund", however their amount is written) become refunds: purchase rows with a negative
total and negative line quantities, not linked to a purchase (the files do not say which one they cancel); a refund
under its sale's number at another time (Square, PayPal) is a refund of that sale, in the file or recorded before
(in a file whose numbers start again each day, of that day's sale in the file; a number of five figures or fewer, a
till's count, is not looked for among the sales recorded before), unless it pays back more than the refunds before
it left of the sale (_LeftOfSales: then it is one of its own, said, as a refund by hand may not be more); and a
refund recorded before without its sale (its month's file imported first) is linked to the sale when an import
records it, the one sale of that number before it (_link_earlier_refunds). Paid back once: a sale the file says was
refunded beside its refund's own row (under its number, or after it under another number, of the same customer and
amount: SumUp's) is recorded with neither (nor is that row when an earlier import left its sale out so), or,
recorded before, is paid back by that row (_own_refund: linked to it); a column saying what was refunded counts only
what such rows do not, and such rows only what the refunds recorded before do not. An order's total written on each
of its line rows is counted once; a sale's total beyond its lines (shipping, taxes) gets a line for the rest. A row
whose type says it is no sale (a withdrawal, a fee) is skipped, and so is a declined attempt to pay beside the
payment under one number. What a column says was paid back of a sale ("Refunded Amount") is a refund linked to it
(`refund_of`), at the sale's time: the file does not say when. smallcrm's own export (OWN_SIGNS) numbers each
purchase on each of its rows: its rows are one purchase (a refund made by hand has no reference), and a refund is
of the purchase its "Refund of" names, in the file or recorded by an import before (an export cut in parts by
dates, imported in their order: each import keeps its sales' numbers, _numbered_before); a refund naming neither
is recorded as one of no purchase, and said.

Customers are found by `PurchaseImportOptions.match`, or ("auto") by whichever of a row's email, customer id and
phone (in that order; its name when it has none of them) finds someone:
- "email": the file's email column, against contacts' emails (without regard to case);
- "phone": the phone column, read as E.164 with the shop's region;
- "id":    the file's customer id, against `contact.external_id` (a contact created by an import
           keeps the file's customer id there, however it was found); a number that finds no one, on a row with
           no other key, finds the one customer of the row's name who has no customer number (Square writes its
           own id for a customer typed in by hand);
- "name":  the customer's name, folded, against contacts' names (one contact only, else rejected).
A row with no customer at all (many till rows) is a purchase without a customer. A row whose
customer is not found is listed (`PurchasePlan.unmatched`) and skipped, or, with `create_missing`,
the customer is created (no welcome points) and journalled so that undoing the import removes it; but not
someone erased at their request (services.erased: by their email or phone), whose sale is one without a customer
(and so, imported before, found as such).
`customer_choices` ("create" or "skip" per customer, by the key `Unmatched.key` gives) overrides
`create_missing` for the customers it names.
A purchase already in the database (same reference and time, or, for a file none of whose sales is recorded at its
time, several sales of the same number and total all the same whole number of quarters of an hour apart within
ZONE_HOURS, as a computer in another time zone reads the file; or without a reference, same customer, time and
total) is skipped: importing a file twice records it once. What was paid back of it since
(more refunded, or its status now refunded) is recorded as its refund.

Rows a till cannot have written are rejected: a date after tomorrow (a day's slack for time zones) or before
1900, a quantity over a million, or an amount, line or receipt over a million units of a currency worth about a
dollar (more units of a currency worth less: `largest_amount`). Rejects are listed in the file's row order.

Points follow the loyalty rules in force (services.loyalty): a purchase with a customer earns, with
the birthday multiplier, an expiry date, and the referrer's bonus on a customer's first purchase. Points
that would already have expired on the day of the import are not written (they could never be
used). A refund takes back the points its amount earns, never more than the customer's purchases earned (before
and in this import) less what refunds took back, nor than the balance; a refund linked to its sale, that sale's
share (as services.loyalty counts it). Undo
(contacts_import.undo_import) removes the batch's purchases, their lines and their points rows, and the
customers it created.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal
from itertools import islice, permutations
from pathlib import Path

from smallcrm.errors import InvalidValue, Phrase, UndoRefused
from smallcrm.services import erased, loyalty, money, when
from smallcrm.services import validation as v
from smallcrm.services.contacts import ContactInput
from smallcrm.services.importing import cleaning, contacts_import as ci, reader
from smallcrm.services.importing.cleaning import Reject
from smallcrm.services.importing.duplicates import name_words, ordered_name
from smallcrm.services.importing.mapping import (
    SALES_HEADERS, column_names, field_named, find_columns, fold, header_key, header_words,
)
from smallcrm.services.purchases import MAX_DESCRIPTION, UNPAID
from smallcrm.services.settings import default_region, get_setting, shop_locale
from smallcrm.services.validation import clean_text
from smallcrm.store import search
from smallcrm.store.fields import from_utc_text, to_utc_text, utc_now
from smallcrm.store.models import database

MATCHES = ("email", "phone", "id", "name")
AUTO_MATCHES = ("email", "id", "phone", "name")  # tried in turn for each row when no match is chosen ("auto")
# A receipt with a rejected row is left out whole: recorded without that row, its total would be wrong, and
# importing the corrected file again would skip it as already there.
BROKEN_RECEIPT = "another row of this receipt was rejected: the whole receipt is left out"
MATCH_WORDS = {"email": "email", "phone": "phone", "id": "customer number", "name": "customer name"}
PREVIEW = 50
# What a row may say of its customer, in all: a customer made of it keeps what cannot be read in the notes, with room
# for the columns' names
MAX_DETAILS = v.MAX_TEXT - 1000
FIRST_LOOK_ROWS = 400  # the rows a quick look reads: enough for the preview's receipts in most files
DUE_DAYS = 30
# The line that makes a sale's lines add up to the total its file gives (shipping, taxes, a discount on the order),
# in the shop's language: (when the total is more than the lines, when it is less).
REST_LINES = {"en": ("Shipping, taxes and other charges", "Discounts and other adjustments"),
              "fr": ("Livraison, taxes et autres frais", "Remises et autres ajustements"),
              "de": ("Versand, Steuern und sonstige Kosten", "Rabatte und sonstige Anpassungen"),
              "es": ("Envío, impuestos y otros cargos", "Descuentos y otros ajustes"),
              "it": ("Spedizione, tasse e altri costi", "Sconti e altre rettifiche"),
              "pt": ("Envio, impostos e outros encargos", "Descontos e outros ajustes"),
              "nl": ("Verzending, belastingen en overige kosten", "Kortingen en overige aanpassingen")}

# Shopify's orders export (a row per line item, the order's own columns on its first row only): its "Name" is
# the order's number ("#1001"), the customer's name is the billing name.
SHOPIFY_ORDERS = {"name": "reference", "email": "email", "financialstatus": "status", "currency": "currency",
                  "total": "amount", "createdat": "date", "lineitemquantity": "quantity", "lineitemname": "description",
                  "lineitemprice": "unit_price", "billingname": "name", "billingphone": "phone",
                  "billingcountry": "country", "paymentmethod": "payment_method", "refundedamount": "refunded",
                  "outstandingbalance": "outstanding"}
SHOPIFY_ORDERS_SIGNS = ("Name", "Financial Status", "Lineitem quantity", "Lineitem name")
# SumUp's transactions report: its "Email" is the SumUp account that took the payment (its sales report in
# German calls it "Konto"), not the customer's; read by names, with that column left out.
SUMUP_SIGNS = ("Email", "Transaction ID", "Process As", "Entry Mode", "Auth code")
# Stripe's payments export: a row per charge, its "id" ("ch_…") the charge's own number; its "Invoice ID" is empty
# for a one-off charge and shared by each attempt to pay an invoice.
STRIPE_SIGNS = ("id", "Amount Refunded", "Captured")
ETSY_SIGNS = ("Sale Date", "Order ID", "Adjusted Order Total")  # Etsy's "Sold Orders"
# Etsy's "Sold Order Items": a row per item, and on each of them the order's shipping, tax and discount, which
# count once, in the order's total (a line for them: REST_LINES), as its Sold Orders' "Order Total" does
ETSY_ITEMS_SIGNS = ("Sale Date", "Item Name", "Order ID", "Order Shipping", "Transaction ID")
ETSY_ORDER_CHARGES = (("ordershipping", 1), ("ordersalestax", 1), ("discountamount", -1), ("shippingdiscount", -1))
# smallcrm's own export (services.export): a row per line of a purchase, its number ("Purchase ID") on each, a refund
# with the number of the purchase it pays back ("Refund of")
OWN_SIGNS = ("Purchase ID", "Refund of")
# PayPal's activity download: the customer's address is "From Email Address" on money in, "To Email Address" on
# money out (a refund), as "Balance Impact" says ("Credit", "Debit").
PAYPAL_SIGNS = ("From Email Address", "To Email Address", "Balance Impact")
# PayPal's download in German and French: its columns' names (as header_key writes them) in English.
PAYPAL_WORDS = {"brutto": "gross", "absenderemailadresse": "fromemailaddress",
                "empfangeremailadresse": "toemailaddress", "auswirkungaufguthaben": "balanceimpact",
                "transaktionscode": "transactionid", "zugehorigertransaktionscode": "referencetxnid",
                "avantcommission": "gross", "deladresseemail": "fromemailaddress",
                "aladresseemail": "toemailaddress", "impactsurlesolde": "balanceimpact",
                "ndetransaction": "transactionid", "ndetransactiondereference": "referencetxnid"}
# Lightspeed Retail X-Series' (Vend's) sales export: per receipt a "Sale" row (its total, customer and status), a
# "Sale Line" row per item (its name in "Details", its total) and a "Payment" row per payment (the means in
# "Details"), as "Line Type" says.
LIGHTSPEED_X_SIGNS = ("Receipt Number", "Line Type", "Customer Code", "Details", "Register")

FIELDS = SALES_HEADERS  # the fields a purchases file can have, and the header names that mean them
KEY_FIELD = {"email": "email", "phone": "phone", "id": "customer_id", "name": "name"}
SALE_FIELDS = ("date", "reference", "amount", "quantity", "unit_price", "currency")  # what a customer list lacks
# Payment statuses, compared in lower case without accents ("Payée" is "payee").
PAID = {"paid", "complete", "completed", "settled", "captured", "success", "succeeded", "successful", "done", "closed",
        "yes", "paid out", "processing",
        "layby closed", "lay by closed", "onaccount closed", "on account closed",  # (Lightspeed's, once paid off)
        "paye", "payee", "regle", "reglee", "encaisse", "encaissee", "solde", "soldee", "termine", "terminee",
        "effectue", "effectuee", "reussi", "reussie",
        "bezahlt", "beglichen", "erfolgreich", "abgeschlossen", "erledigt",
        "pagado", "pagada", "cobrado", "cobrada", "completado", "completada",
        "pagato", "pagata", "saldato", "saldata", "completato", "completata",
        "pago", "paga", "liquidado", "liquidada", "concluido", "concluida",
        "betaald", "voldaan", "voltooid",
        # a paid order on its way to the customer (Lightspeed X's, PrestaShop's, web shops')
        "shipped", "dispatched", "delivered", "fulfilled", "picked up", "ready for pickup", "awaiting dispatch",
        "awaiting pickup", "awaiting shipment", "dispatched closed", "picked up closed", "payment accepted",
        "payment received", "in preparation", "preparation in progress", "remote payment accepted",
        "processing in progress", "on backorder (paid)",
        "paiement accepte", "paiement a distance accepte", "en cours de preparation", "expedie", "expediee", "livre",
        "livree", "en cours de livraison", "retire", "retiree", "en attente de reapprovisionnement (paye)",
        "versendet", "versandt", "geliefert", "zugestellt", "in bearbeitung", "zahlung akzeptiert",
        "enviado", "enviada", "entregado", "entregada", "pago aceptado", "en preparacion",
        "spedito", "spedita", "consegnato", "consegnata", "pagamento accettato", "in preparazione",
        "entregue", "pagamento aceite", "pagamento aceito", "em preparacao",
        "verzonden", "geleverd", "betaling aanvaard", "betaling geaccepteerd"}
# A sale kept for later, not made (Lightspeed's "SAVED", a quote, a draft): no sale to record.
NOT_MADE = {"saved", "parked", "draft", "quote", "estimate", "brouillon", "devis", "entwurf", "angebot",
            "geparkt", "borrador", "presupuesto", "bozza", "preventivo", "rascunho", "orcamento", "concept",
            "offerte"}
DUE = {"due", "unpaid", "pending", "open", "authorized", "authorised", "outstanding", "invoiced", "no",
       "on hold", "pending payment", "partially paid", "partly paid", "layby", "lay by", "onaccount", "on account",
       "impaye", "impayee", "non paye", "non payee", "en attente", "a payer", "a regler",
       "offen", "unbezahlt", "ausstehend", "fallig",
       "pendiente", "impagado", "impagada", "no pagado", "no pagada", "por pagar",
       "in sospeso", "non pagato", "non pagata", "da pagare", "insoluto", "insoluta",
       "pendente", "em aberto", "nao pago", "nao paga", "a pagar",
       "onbetaald", "openstaand", "te betalen", "niet betaald", "awaiting payment",
       "en attente de reapprovisionnement (non paye)", "on backorder (not paid)",
       "not paid", "payment pending", "payment due", "part paid", "partiellement paye", "partiellement payee",
       "paye partiellement", "payee partiellement", "paiement partiel", "teilweise bezahlt", "teilbezahlt",
       "nicht bezahlt", "zahlung ausstehend", "parcialmente pagado", "parcialmente pagada", "pago parcial",
       "pago pendiente", "parzialmente pagato", "parzialmente pagata", "pagamento parziale", "pagamento in sospeso",
       "parcialmente pago", "parcialmente paga", "pagamento parcial", "pagamento pendente", "gedeeltelijk betaald",
       "deels betaald", "betaling in behandeling"}
# ... and so is one whose status begins so (PrestaShop's "En attente du paiement par chèque")
DUE_STARTS = ("awaiting payment", "awaiting check payment", "awaiting bank wire", "awaiting cash on delivery",
              "en attente de paiement", "en attente du paiement", "en attente de virement", "en attente du virement",
              "en attente de cheque", "en attente du cheque")
# A sale the till or shop cancelled, voided or paid back whole: nothing to record (skipped, with this reason);
# a line of its own with a negative total is the refund itself, and is recorded. Statuses are matched by how
# they begin ("Cancelled by customer", "Annulée"); one paid back in part was paid.
CANCELLED = ("cancel", "refund", "return", "void", "annul", "rembours", "storn", "erstattet", "zuruckerstattet",
             "fail", "denied", "declined", "expired", "abandon", "echou", "refuse", "rejet", "fehlgeschlagen",
             "abgelehnt", "abgebrochen", "fallid", "rechaz", "fallit", "rifiut", "falhou", "recusad", "mislukt",
             "geweigerd", "payment error", "erreur de paiement", "zahlungsfehler", "error de pago",
             "errore di pagamento",
             "anulad", "reembols", "rimborsat", "estornad", "devolv", "geannuleerd", "terugbetaald", "retour",
             "chargeback", "charge back", "ruckbuchung", "ruckgebucht")
PARTLY_REFUNDED = ("partially refunded", "partly refunded", "partial refund", "partiellement rembours",
                   "remboursement partiel", "teilweise erstattet", "teilweise ruckerstattet", "parcialmente reembols",
                   "reembolso parcial", "parzialmente rimborsat", "rimborso parziale", "gedeeltelijk terugbetaald",
                   "teilerstattet", "teilweise zuruckerstattet", "teilruckerstattung")
# ... and so is one that says, in any order, that it was paid back or cancelled in part ("Remboursée partiellement",
# "Refunded (partial)", "Reembolsado parcialmente"): a word of it begins so
IN_PART = ("partial", "partiel", "partly", "teilweise", "parcial", "parzial", "gedeeltelijk", "deels")
# A status that says the sale was paid back (SumUp's "Refunded"), compared as fold() writes it: its refund may be
# a row of its own, under another number.
REFUNDED_STATUS = ("refund", "rembours", "erstattet", "zuruckerstattet", "reembols", "rimborsat", "estornad",
                   "terugbetaald")
CANCELLED_REASON = "cancelled or refunded in the file: not a sale to record"
REFUND_OF_CANCELLED = "a refund of a sale the file says was cancelled or refunded: neither is recorded"
REFUNDED_BEFORE = "its sale's refund was recorded before: not recorded again"
PAID_SINCE = "imported before as due, and paid since: marked paid"
ALREADY_IMPORTED = "already imported"
# A sale imported before that the file now gives another total (an order changed in the web shop since): the one
# recorded is kept, and said
OTHER_TOTAL_NOW = "already imported with another total, which is kept: change the purchase by hand if the sale changed"
# A row whose type (PayPal's, a German till's BON_TYP) says it moved money without a sale: a withdrawal, a
# transfer, a fee, a hold, a training receipt. Matched as the start of a word of the type, lower case without
# accents ("General Withdrawal", "AVTraining"; "Coffee" is no fee).
NOT_SALES = ("withdrawal", "transfer", "conversion", "payout", "deposit", "training", "avtraining", "belegabbruch",
             "avbelegabbruch", "auszahlung", "uberweisung", "einzahlung",
             "gebuhr", "retrait", "virement", "retiro", "transferencia", "comision", "prelievo", "bonifico",
             "commissione", "levantamento", "comissao", "opname", "overboeking", "abbuchung", "bankgutschrift",
             "wahrungsumrechnung", "umrechnung", "depot", "conversao", "conversione", "omrekening")
# ... and whole words of it (a product's type is not a fee for "Feed", a hold for "Holdall", a memo for "Memory foam");
# "release" beside no other word, or beside a word of PayPal's holds ("Payment Release", not a record's "New Release")
NOT_SALE_WORDS = frozenset({"fee", "fees", "hold", "holds", "memo"})
RELEASED = frozenset({"hold", "payment", "account", "reserve", "general"})
# Types that are sales, of words that alone would say otherwise: a sale for a consignor ("Dépôt-vente"), an order
# collected in the shop ("Retrait magasin")
SALE_TYPES = (("depot", "vente"), ("retrait", "magasin"))
# Money out, on PayPal's download, that is no refund: a payment the shop made (to a supplier: "General Payment"),
# unless its type says it is paid back to a buyer. Word starts of the type, as fold() writes them.
PAID_BACK = ("refund", "reversal", "chargeback", "ruckzahlung", "ruckbuchung", "zahlungsruck", "erstattung",
             "ruckerstattung", "rembours", "retrofactur", "annulation", "litige", "dispute", "reembolso", "contracargo",
             "devolucion", "rimborso", "riaccredit", "storno", "estorno", "terugbetaling", "terugboek")
NOT_A_SALE = "not a sale (the row's type or status says so): not recorded"
# Lines of the Online Retail data set that are the shop's own costs or its books' adjustments, not a customer's sale:
# by their StockCode (Amazon's fee, the bank's charges, Cancer Research UK's commission), as header_key writes it,
# or an invoice number that begins with "A" (bad debt adjusted, StockCode "B": a code other files give products).
# Left out, and said.
BOOKKEEPING_CODES = frozenset({"amazonfee", "bankcharges", "cruk"})
ZERO_TOTAL = "the total is 0: nothing to record"
# A row whose type says it is a return (Loyverse's "Refund" beside a positive amount, a French "Avoir", a German
# "Retoure"): money paid back. Words, or words together, of the type, lower case without accents.
RETURNS = {"refund", "refunds", "refunded", "return", "returns", "returned", "creditnote",
           "remboursement", "rembourse", "retour", "retours", "avoir",
           "erstattung", "ruckerstattung", "gutschrift", "ruckgabe", "retoure", "storno", "stornobeleg", "stornierung",
           "reembolso", "devolucion", "rimborso", "reso", "estorno", "devolucao", "terugbetaling", "creditnota",
           "void", "voided", "annulation", "annule", "annulee", "anulacion", "annullamento", "annullato", "storniert"}
RETURN_PHRASES = ("credit note", "credit memo", "nota de credito", "nota di credito")
# A line whose words say it is a discount (a till that stamps each line with its own time writes the receipt's
# discount a few seconds after its items): a line of the receipt, not a refund. Word starts, as fold() writes them.
DISCOUNTS = ("discount", "coupon", "promo", "voucher", "remise", "reduction", "rabatt", "nachlass", "descuento",
             "sconto", "korting", "desconto")
# Words of an amount column's heading that say it is the order's total (header_key's way: "Order Total Amount").
ORDER_WORDS = ("order", "grandtotal", "commande", "bestell", "pedido", "ordine", "encomenda")
TOTAL_ROW = "the total of the rows above, not a sale: nothing to record"
CUT_SHORT = "a spreadsheet cut this customer number short: export the file again with the numbers as text"
# What a customer column says on a total's row (no one is named so; "Sum" and "Som" are names), and the receipt or
# item column on a row that names no customer ("03.04.2026;;;Tagessumme;15,00"), compared as fold() writes them
SUM_NAMES = {"total", "summe", "gesamt", "totale", "totaal", "subtotal", "sub total", "zwischensumme", "sous total",
             "subtotaal", "subtotale", "tagessumme", "tagesumsatz", "tagesgesamt", "day total", "daily total",
             "total of the day", "total for the day", "total today", "total du jour", "total de la journee",
             "totale del giorno", "totale giornaliero", "dagtotaal", "total del dia", "total diario", "total do dia",
             *cleaning.TOTAL_PHRASES}
NO_CUSTOMER = "no customer with this "  # + what the customer was looked for by
# What a till writes for a sale to nobody in particular (compared as fold() writes it, spaces kept): no customer.
NOBODY = frozenset({"guest", "guest customer", "walk in", "walkin", "walk in customer", "cash", "cash customer",
                    "cash sale", "anonymous", "anonymous customer", "no customer", "unknown customer",
                    "default customer", "client de passage", "client passage", "passage", "client comptoir",
                    "anonyme", "client anonyme", "laufkunde", "barverkauf", "barkunde", "gast", "cliente de paso",
                    "cliente ocasional", "cliente generico", "cliente occasionale", "sin cliente", "cliente final",
                    "consumidor final", "client divers", "clients divers", "vente comptoir", "sans client",
                    "laufkundschaft", "ohne kunde", "senza cliente", "sem cliente", "zonder klant",
                    "passant", "contant", "losse verkoop", "klant", "cliente", "client", "customer", "kunde"})
NOT_A_QUANTITY = "the quantity is not a number"
NOT_REFUNDED_AMOUNT = "what was refunded is neither an amount nor a yes or no"
NOT_PAID_AMOUNT = "what was paid is neither an amount nor a yes or no"
# A row with more cells than the column names whose number with a comma, not in quotes, could have been split at
# two places ("1,250" as a quantity's or a price's): which of its cells are which cannot be told
SPLIT_TWO_WAYS = ("a number with a comma, not in quotes (1,234.50), split the row's cells in a way that can be read "
                  "two ways: put such numbers in quotes, or write them without the comma")
NOT_A_DISCOUNT = "the discount is neither an amount nor a percentage"
DISCOUNT_TOO_LARGE = "the discount is more than the line it is taken off"
# Words of a discount column's name that say it holds percentages ("Discount %", "Remise (pourcentage)")
_PERCENT_WORDS = frozenset({"percent", "percentage", "pct", "rate", "pourcentage", "taux", "prozent", "porcentaje",
                            "percentuale", "percentual", "percentagem", "procent"})
AMBIGUOUS_QUANTITY = "the quantity could be read two ways: write it without a separator (1000, or 1)"
WRITTEN_OFF = {"written off", "written_off", "writtenoff", "bad debt",
               "irrecouvrable", "passe en perte", "abgeschrieben", "uneinbringlich", "incobrable", "inesigibile",
               "incobravel", "afgeschreven", "oninbaar"}

# Plausibility: what a small shop's till can have sold.
FIRST_YEAR = 1900  # a sale dated before it is a typo (or a spreadsheet's day zero, 1899-12-30)
FUTURE_SLACK = timedelta(days=1)  # a sale dated after today plus this is in the future (a day for time zones)
LINE_SPREAD = timedelta(minutes=10)  # a receipt's lines timed one by one, as a till scans them, are this close at most
TOO_OLD = "the date is before 1900"
IN_FUTURE = "the date is in the future"
TOO_LARGE = money.TOO_LARGE
TOO_MANY = "the quantity is too large"
# Reasons with facts of their own (made into an errors.Phrase).
OTHER_CURRENCY = "receipt {reference} is in {currency}, this row in {other}"
OTHER_CUSTOMER = "receipt {reference} belongs to another customer on an earlier row"
SAME_NAME = "{count} customers have this name: find the customers by email, phone or id instead"
UNREAD_PHONE = ("the phone number cannot be read: write it with its country code (+33…), or choose the country "
                "the file's numbers are from")
# A key several customers share, that the row's other keys and name do not tell apart (a couple's email, a family's
# phone, the number two programs each gave a customer of theirs)
SHARED_KEY = {"email": "{count} customers have this email: find the customers by another column instead",
              "phone": "{count} customers have this phone number: find the customers by another column instead",
              "id": "{count} customers have this customer number: find the customers by another column instead"}
IN_TRASH = "{customer} is in the Trash: restore the customer first"
MAX_QUANTITY = 1_000_000  # of one line
# The largest receipt, row or line in whole units of a currency: a million for currencies worth about a US
# dollar or more, times a power of ten for those worth less (units per dollar below 3: 1; below 30: 10; below
# 300: 100; ... rounded up for currencies that lose their value fast). A currency not listed (an old or rare
# code) has no limit but the store's.
_UNIT_SCALES = {
    1: "AUD AWG AZN BAM BBD BGN BHD BMD BND BSD BZD CAD CHF CUC EUR FJD FKP GBP GEL GIP JOD KWD KYD NZD OMR PAB SGD "
       "SHP TOP USD WST XCD XCG",
    10: "AED BOB BRL BWP BYN CNY CZK DKK ERN GHS GTQ HKD HNL HRK ILS LSL LYD MAD MDL MOP MVR MXN MYR NAD NOK PEN PGK "
        "PLN QAR RON SAR SBD SCR SEK SLE STN SZL TJS TMT TND TTD ZAR",
    100: "AFN ALL BDT BTN CVE DJF DOP DZD EGP GMD GYD HTG INR ISK JMD JPY KES KGS LRD MKD MRU MUR MZN NIO NPR PHP "
         "RSD RUB SRD THB TRY TWD UAH UYU VUV XPF ZMW ZWG",
    1000: "AMD AOA CLP CRC CUP ETB HUF IQD KMF KPW KRW KZT LKR PKR RWF SOS XAF XOF",
    10_000: "ARS BIF CDF COP GNF IDR KHR LAK MGA MMK MNT MWK NGN PYG SDG SSP TZS UGX UZS VES YER",
    100_000: "LBP SYP VND",
    1_000_000: "IRR",
}
UNIT_SCALE = {code: scale for scale, codes in _UNIT_SCALES.items() for code in codes.split()}
PLAUSIBLE_UNITS = 1_000_000
STORE_LIMIT = 10**15  # minor units, as money.parse_amount


def largest_amount(currency: str) -> int:
    """The largest plausible receipt in `currency`, in minor units (see UNIT_SCALE)."""
    scale = UNIT_SCALE.get(currency)
    if scale is None:
        return STORE_LIMIT
    return min(PLAUSIBLE_UNITS * scale * 10 ** money.minor_digits(currency), STORE_LIMIT)



_BRACKETED_END = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*$")
# "Klant e-mail", "Correo cliente", "Telefon Kunde": the customer's email or phone, as "E-mail", "Correo", "Telefon"
_CUSTOMER_WORDS = frozenset({"customer", "customers", "client", "clients", "cliente", "clientes", "klant", "klanten",
                             "kunde", "kunden", "des", "du", "del", "do", "da", "van", "de"})


# The layouts that write their dates month first (the Online Retail data set: 12/13/2010; Etsy: 03/05/25)
MONTH_FIRST = ("online_retail", "etsy", "etsy_items")


# The layouts of programs read by their own rules, by the columns that tell each (as the program names them), in
# the order they are looked for
LAYOUTS = {"shopify_orders": SHOPIFY_ORDERS_SIGNS, "sumup": SUMUP_SIGNS, "stripe": STRIPE_SIGNS, "paypal": PAYPAL_SIGNS,
           "lightspeed_x": LIGHTSPEED_X_SIGNS,
           "online_retail": ("InvoiceNo", "StockCode", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID"),
           "etsy": ETSY_SIGNS, "etsy_items": ETSY_ITEMS_SIGNS, "smallcrm": OWN_SIGNS}
_LAYOUT_KEYS = {name: {header_key(h) for h in signs} for name, signs in LAYOUTS.items()}
GENERIC = "generic"  # the layout of a file read by its column names alone
NOT_THE_LAYOUT = "the file has no column {columns} of that program's exports"


def _keys(headers: list[str]) -> list[str]:
    """The headers as header_key writes them, PayPal's in German or French as in English (PAYPAL_WORDS)."""
    return [PAYPAL_WORDS.get(key, key) for key in map(header_key, headers)]


def _customer_field(key: str) -> bool:
    """Whether `key` is a name of the customer's email or phone column."""
    return key in FIELDS["email"] or key in FIELDS["phone"]


def map_purchase_headers(headers: list[str], preset: str = "auto") -> tuple[str, list[str]]:
    """(the layout: one of LAYOUTS or GENERIC, a field per column; "" for a column not used).
    `preset`: "auto" (the layout whose columns the file has), "generic" (by the column names alone) or a layout of
    LAYOUTS, refused (InvalidValue) for a file without that program's columns.
    Of two columns that mean the same field, the one whose name comes first in FIELDS is used ("Created at"
    before "Paid at", "Net Sales" before "Gross Sales"), the first of the file on a tie. (An amount before its tax
    stays the amount beside a total with it: the file's rows may say which is which, _with_tax.)"""
    keys = _keys(headers)
    preset = preset.strip().lower().replace("-", "_")
    preset = {"shopify": "shopify_orders", "lightspeed": "lightspeed_x", "vend": "lightspeed_x"}.get(preset, preset)
    if preset == "auto":
        preset = next((name for name, signs in _LAYOUT_KEYS.items() if set(keys) >= signs), GENERIC)
    elif preset not in (GENERIC, *LAYOUTS):
        raise InvalidValue("preset", preset, "preset", "one of auto, generic, " + ", ".join(LAYOUTS))
    elif preset != GENERIC and not set(keys) >= _LAYOUT_KEYS[preset]:
        missing = [h for h in LAYOUTS[preset] if header_key(h) not in keys]
        raise InvalidValue("preset", preset, "preset", Phrase(NOT_THE_LAYOUT, columns=", ".join(missing)))
    if preset == "shopify_orders":
        return preset, [SHOPIFY_ORDERS.get(key, "") for key in keys]
    best: dict[str, tuple[int, int]] = {}  # field -> (rank of the name in FIELDS, column)
    stances = [tax_stance(header) for header in headers]
    # of an amount (or a price) before its tax and one with it ("Montant (HT)", "Montant (TTC)"), what the customer
    # paid: the one with it
    with_tax = {name for name in _TAXED for (stance, rest), key in zip(stances, keys)
                if stance > 0 and (key in FIELDS[name] or rest in FIELDS[name])}
    for i, header in enumerate(headers):
        # "Total (EUR)", "Preis (inkl. MwSt.)": the words in brackets at the end say no more what the column is
        bare = _BRACKETED_END.sub("", header)
        words = header_words(bare)
        unnamed = "".join(w for w in words if w not in _CUSTOMER_WORDS) if len(words) > 1 else ""
        written = (keys[i], header_key(bare))
        if unnamed and unnamed != written[1] and _customer_field(unnamed):
            written += (unnamed,)
        stance, rest = stances[i]
        if stance > 0 and any(rest in FIELDS[name] for name in _TAXED):  # "Summe brutto", "Prix TTC"
            written += (rest,)
        for name, aliases in FIELDS.items():
            ranks = [aliases.index(key) for key in written if key in aliases]
            if ranks:
                rank = min(ranks) + (len(aliases) if stance < 0 and name in with_tax else 0)
                best[name] = min(best.get(name, (2 * len(aliases), i)), (rank, i))
                break
    if "name" in best and ("first_name" in best or "last_name" in best) and keys[best["name"][1]] == "name":
        # beside first and last name columns, a bare "Name" is the item's (WooCommerce's order export)
        i = best.pop("name")[1]
        if "description" not in best or "#" in headers[best["description"][1]]:  # ("Item #" numbers the lines)
            best["description"] = (-1, i)
    if preset == "sumup":
        best.pop("email", None)
        best["reference"] = (0, keys.index("transactionid"))  # (its "Reference" is mostly empty)
    elif preset == "stripe":
        best["reference"] = (0, keys.index("id"))
    elif preset == "etsy_items":
        best.pop("discount", None)  # (the order's, on each of its rows: ETSY_ORDER_CHARGES)
    elif preset == "lightspeed_x":
        best["description"] = (0, keys.index("details"))
    elif preset == "paypal":
        best["email"] = (0, keys.index("fromemailaddress"))
        if "transactionid" in keys:  # (its "Invoice Number" is the web shop's, and often empty)
            best["reference"] = (0, keys.index("transactionid"))
    if "due_date" in best and _IN_DAYS & set(header_words(headers[best["due_date"][1]])):
        del best["due_date"]  # ("Due date (days)": a term, not a day; left alone)
    fields = [""] * len(headers)
    for name, (_, i) in best.items():
        fields[i] = name
    return preset, fields


# Words that say a column counts days ("Due date (days)", "Échéance (jours)"): a payment term, not a due date
_IN_DAYS = frozenset({"days", "day", "jours", "jour", "tage", "tagen", "dias", "giorni", "dagen"})
# A column of the tax in each sale ("MwSt", "TVA", "IVA", "BTW", "VAT", "GST"), by the words of its name
_TAX_WORDS = frozenset({"tax", "taxes", "vat", "gst", "hst", "pst", "qst", "mwst", "ust", "steuer", "steuern",
                        "steuerbetrag", "mwstbetrag", "ustbetrag", "mehrwertsteuer", "umsatzsteuer", "tva", "taxe",
                        "iva", "imposta", "impuesto", "impuestos", "imposto", "impostos", "btw", "moms", "mva", "alv"})
# Words that say whether an amount's column holds the tax: "Montant TTC" or "HT", "Summe brutto" or "netto", "Total
# (inc GST)" or "(ex GST)", "Importe con IVA" or "sin IVA", "Montant hors taxes"
_TAX_IN = frozenset({"ttc", "brutto", "lordo"})
_TAX_OUT = frozenset({"ht", "netto", "imponibile", "imponible"})
_INCLUDING = frozenset({"incl", "inkl", "inc", "including", "con", "com", "mit", "met", "avec"})
_INCLUDED = frozenset({"included", "incluido", "incluida", "incluso", "inclusa", "inclus", "incluse", "inbegrepen",
                       "inklusive", "incl", "inkl", "inc"})
_EXCLUDING = frozenset({"excl", "exkl", "ex", "excluding", "sin", "sem", "senza", "ohne", "zonder", "hors", "sans",
                        "before", "pre", "avant"})
_TAXED = ("amount", "unit_price")  # the fields a column's name may say are with their tax, or before it


def tax_stance(header: str) -> tuple[int, str]:
    """Whether a column's name says its amounts hold the tax (1), are before it (-1) or neither (0), and the name
    without the words that say so, as header_key writes it ("Prix T.T.C." -> (1, "prix"))."""
    words: list[str] = []
    apart = False  # whether the last word is letters written apart ("H.T.", "T.T.C."), joined
    for word in header_words(header):
        if len(word) == 1 and words and (apart or len(words[-1]) == 1):
            words[-1] += word
            apart = True
        else:
            words.append(word)
            apart = False
    stance, rest, i = 0, [], 0
    while i < len(words):
        word, after = words[i], words[i + 1] if i + 1 < len(words) else ""
        if word in _TAX_IN or word in _TAX_OUT:
            stance, i = (1 if word in _TAX_IN else -1), i + 1
        elif after in _TAX_WORDS and (word in _INCLUDING or word in _EXCLUDING):
            stance, i = (1 if word in _INCLUDING else -1), i + 2
        elif word in _TAX_WORDS and after in _INCLUDED:  # "IVA incluido"
            stance, i = 1, i + 2
        else:
            rest.append(word)
            i += 1
    return stance, "".join(rest)


TAX_ROWS = 2_000  # the rows that show a column to be the amount and its tax added (_with_tax)
_NOT_A_NUMBER = re.compile(r"[^\d.,()+\s'\u00a0\u202f\u2009\u2019\-\u2212\u2013]")


_PLAIN_NUMBER = re.compile(r"(-?\d+)(?:([.,])(\d+))?")
# The pieces of a number a comma not in quotes split into cells: its start ("1", "$1", "-12"), thousands ("234"),
# and its end (thousands, "234.50", "234 €"; or, alone after the start, a decimal comma's cents: "12,50")
_FIRST_PIECE = re.compile(r"[-+(]?\s*[^\d\s.,]{0,3}\s*(?:0|[1-9]\d{0,2})")
_THOUSANDS_PIECE = re.compile(r"\d{3}")
_LAST_PIECE = re.compile(r"\d{3}(?:\.\d+)?\s*[^\d\s.,]{0,3}\)?")
_CENTS_PIECE = re.compile(r"\d{1,2}\s*[^\d\s.,]{0,3}\)?")


def _split_number(pieces: list[str], cents: bool) -> bool:
    """Whether cells are the pieces of one number a comma not in quotes split (`cents`: its decimal comma too)."""
    if not _FIRST_PIECE.fullmatch(pieces[0]) or not all(map(_THOUSANDS_PIECE.fullmatch, pieces[1:-1])):
        return False
    return bool(_LAST_PIECE.fullmatch(pieces[-1]) or (
        cents and len(pieces) == 2 and _CENTS_PIECE.fullmatch(pieces[-1]) and pieces[0].lstrip("-+(").isdigit()))


# A cell a column of numbers can hold as it is, when a row's cells are read again (_Reader.rejoin): empty, a
# placeholder, or a number that does not start with a needless 0 ("000.00" is a split number's end)
_NUMBER_CELL = re.compile(r"[-+(]?\s*[^\d\s.,]{0,3}\s*(?:0|[1-9]\d{0,2}(?:[.,' \u00a0]\d{3})+|[1-9]\d*)(?:[.,]\d+)?"
                          r"\s*[^\d\s.,]{0,3}\)?")
_NUMBER_FIELDS = ("amount", "unit_price", "quantity", "refunded", "after_refunds", "outstanding", "paid", "discount")


def _number(text: str, mark: str | None) -> Decimal | None:
    """The number an amount's cell writes, whatever currency it is in, in hundredths (None: blank, no amount, or
    "1,000" without `mark`)."""
    plain = _PLAIN_NUMBER.fullmatch(text.strip())
    if plain is not None and (plain[2] is None or plain[2] == mark or mark is None and len(plain[3]) != 3):
        return Decimal(f"{plain[1]}.{plain[3] or 0}") * 100  # ("12,50": quickly, as most cells are written)
    text = _NOT_A_NUMBER.sub("", text)
    if not text.strip():
        return None
    try:
        return Decimal(cleaning.parse_money(text, "EUR", mark, exact=True))
    except InvalidValue:
        return None


def _with_tax(headers: list[str], fields: list[str], rows) -> int | None:
    """The column of the amount with its tax, when the amount column is before it: a receipt's "Betrag", "MwSt" and
    "Gesamtbetrag", or "Amount", "Tax" and "Total". It is a column of an amount's name no field is read from, whose
    value on each row of `rows` with an amount or a total is that amount and the tax added (the tax columns', when
    there are several: "MwSt 7%", "MwSt 19%"), to the cent, on a row at least with some tax. (A line item's total of
    its whole order on each of its lines is no such column; nor is a blank one, or one beside no amount.) None: there
    is none. The import says so (PurchasePlan.with_tax) rather than read it: a total column can hold what another
    export of the same till does not (a tip, a discount), and the same sale would then be read at two amounts."""
    amount = fields.index("amount")
    totals = [i for i, h in enumerate(headers) if not fields[i] and (
        header_key(h) in FIELDS["amount"] or header_key(_BRACKETED_END.sub("", h)) in FIELDS["amount"])]
    taxes = [i for i, h in enumerate(headers) if not fields[i] and not _TAX_WORDS.isdisjoint(header_words(h))
             and not tax_stance(h)[0]]  # (an "Amount (excl. VAT)" is no tax)
    if not totals or not taxes:
        return None
    rows = [cells for _, cells in islice(rows, TAX_ROWS)]
    mark = cleaning.infer_decimal_mark(cells[i] for cells in rows for i in (amount, *totals, *taxes) if i < len(cells))
    mark = mark if mark in (".", ",") else None

    def value(cells: list[str], i: int) -> Decimal | None:
        return _number(cells[i] if i < len(cells) else "", mark)

    def adds_up(total: int, tax_columns: list[int]) -> bool:
        """Whether every row with an amount or a total has both, the total the amount and its tax added (a refund may
        write its tax without a minus: "-50.00", "9.50", "-59.50"), and a row at least has some tax."""
        taxed = False
        for cells in rows:
            net, gross = value(cells, amount), value(cells, total)
            if net is None and gross is None:
                continue
            tax = sum(filter(None, (value(cells, i) for i in tax_columns)), Decimal(0))
            if net is None or gross is None or net * gross < 0 or abs(abs(net) + abs(tax) - abs(gross)) > 1:
                return False
            taxed = taxed or tax != 0
        return taxed

    for total in totals:
        for tax_columns in ([taxes] if len(taxes) > 1 else []) + [[tax] for tax in taxes]:
            if adds_up(total, tax_columns):
                return total
    return None


def holds_purchases(headers: list[str]) -> bool:
    """True when a file's header row reads as sales rather than customers: two columns or more of a sale
    (a date, a receipt number, an amount, a quantity, a unit price, a currency)."""
    return sale_columns(headers) is not None


def sale_columns(headers: list[str]) -> list[str] | None:
    """A sales export's columns as the purchases import reads them (map_purchase_headers), or None for a file
    that is no sales export (see holds_purchases)."""
    fields = map_purchase_headers(headers)[1]
    return fields if sum(name in SALE_FIELDS for name in fields) >= 2 else None


def parse_overrides(items: list[str], headers: list[str]) -> dict[int, str]:
    """`["Header=field", "3=amount", ...]` -> {column index: field} for a purchases file ("Header=" ignores the
    column); a column named as mapping.find_columns finds it (a header with "=" in it, too: the last "=" is the
    map's)."""
    out: dict[int, str] = {}
    for item in items:
        header, sep, name = item.rpartition("=")
        if not sep or not header.strip():
            raise InvalidValue("map", item, "map", 'write it as "Header=field"')
        columns = find_columns(header, headers)
        if not columns:
            raise InvalidValue("map", header.strip(), "column",
                               f"the file has no column “{header.strip()}”; it has "
                               + ", ".join(column_names(headers)))
        name = field_named(name)
        if name and name not in FIELDS:
            raise InvalidValue("map", name, "field", "one of " + ", ".join(FIELDS))
        out.update(dict.fromkeys(columns, name))
    return out


@dataclass
class PurchaseImportOptions:
    match: str = "auto"  # or one of MATCHES; "auto": the first of them the file has a column for (first_match)
    create_missing: bool = False
    customer_choices: dict[str, str] = field(default_factory=dict)  # Unmatched.key -> "create" or "skip"
    currency: str | None = None  # for rows without a currency column (default: the shop's)
    encoding: str | None = None
    delimiter: str | None = None
    quote: str | None = None  # as in ImportOptions
    header_row: int | None = None
    row_end: str | None = None
    region: str | None = None
    overrides: dict[int, str] = field(default_factory=dict)
    date_orders: dict[int, str] = field(default_factory=dict)
    preset: str = "auto"
    # Read by contacts_import.check_options; a purchase already there is always skipped.
    on_duplicate: str = "skip"
    row_choices: dict[int, str] = field(default_factory=dict)
    corrections: dict[int, list[str]] = field(default_factory=dict)  # as in ImportOptions


@dataclass
class Unmatched:
    key: str  # the customer as the file names them (email, phone, id or name; a phone's, "\x00" and their name)
    rows: list[int]  # rows of the file (the first 20)
    purchases: int
    name: str = ""  # their name as the file writes it on their first row ("" when it has none)
    written: str = ""  # the key as the file writes it ("Françoise Hébert" for the key "francoise hebert")

    def to_json(self) -> dict:
        return {"customer": self.key.partition("\x00")[0], "name": self.name, "rows": self.rows,
                "purchases": self.purchases}


@dataclass
class PlannedPurchase:
    rows: list[int]  # the file's rows that make it
    reference: str
    occurred_at: str  # UTC
    total_minor: int
    currency: str
    contact_id: int | None
    customer: str  # the key from the file ("" when none)
    written: str  # that key as the file writes it
    action: str  # "create", "refund", "skip", "pay" (recorded before as due, marked paid) or "reject"
    reason: str = ""  # for skip and reject
    points: int = 0  # what the customer earns with it (a refund: takes back), by the loyalty rules in force


@dataclass
class PurchasePlan:
    dialect: reader.Dialect
    preset: str
    headers: list[str]
    fields: list[str]
    date_orders: dict[int, str]
    ambiguous_columns: list[int]
    counts: dict[str, int]  # purchases, refunds, skip, reject (rows), customers_created, points
    unmatched: list[Unmatched]
    preview: list[PlannedPurchase]
    rejects: list[Reject] = field(default_factory=list)
    whole: bool = True  # False: only the first rows were looked at (the counts are theirs)
    # the date, receipt number, customer and amount of the first rows rejected as they were read, as written
    written: dict[int, tuple[str, str, str, str]] = field(default_factory=dict)
    skips: dict[str, int] = field(default_factory=dict)  # why purchases are skipped: reason -> how many
    # what reading tidied (reader.RowStream.warnings), items cut to what a line holds ("long_items"), rows kept with a
    # letter that cannot be read ("lost_letters")
    warnings: list[tuple[str, int]] = field(default_factory=list)
    # (the name of a column that is the amount and its tax added, the amount's): to say so (_with_tax)
    with_tax: tuple[str, str] | None = None
    warning_rows: dict[str, list[int]] = field(default_factory=dict)  # where reading tidied: the first rows of each
    # the purchases to record in another currency than the shop's, by currency, the most first: they earn no points,
    # and reports (in the shop's currency) leave them out
    other_currencies: dict[str, int] = field(default_factory=dict)


@dataclass
class PurchaseImportResult:
    batch: int | None
    created: int  # purchases and refunds recorded
    refunds: int
    customers_created: int
    skipped: int  # purchases not recorded: already there, or no customer found
    rejected: int  # rows
    points: int  # earned minus taken back
    encoding: str
    delimiter: str
    rejects: list[Reject] = field(default_factory=list)
    unmatched: list[Unmatched] = field(default_factory=list)
    marked_paid: int = 0  # purchases recorded before as due, paid since
    # of `created`, those recorded without a customer in a file that names customers (its row names none, or not
    # the way --match looks for them)
    without_customer: int = 0
    preset: str = ""  # the layout read (map_purchase_headers)
    skips: dict[str, int] = field(default_factory=dict)  # why purchases were skipped: reason -> how many
    # what reading tidied (reader.RowStream.warnings), items cut to what a line holds ("long_items"), rows kept with a
    # letter that cannot be read ("lost_letters")
    warnings: list[tuple[str, int]] = field(default_factory=list)
    # (the name of a column that is the amount and its tax added, the amount's): to say so (_with_tax)
    with_tax: tuple[str, str] | None = None
    warning_rows: dict[str, list[int]] = field(default_factory=dict)  # where reading tidied: the first rows of each
    other_currencies: dict[str, int] = field(default_factory=dict)  # as PurchasePlan's, recorded

    @property
    def updated(self) -> int:
        return self.marked_paid

    def to_json(self) -> dict:
        return {"batch": self.batch, "created": self.created, "updated": self.updated, "skipped": self.skipped,
                "rejected": self.rejected, "refunds": self.refunds, "customers_created": self.customers_created,
                "without_customer": self.without_customer,
                "points": self.points, "encoding": self.encoding, "delimiter": self.delimiter, "preset": self.preset,
                "skips": dict(self.skips), "warnings": dict(self.warnings), "warning_rows": self.warning_rows,
                "with_tax": with_tax_json(self.with_tax), "other_currencies": self.other_currencies,
                "unmatched": [u.to_json() for u in self.unmatched]}


def with_tax_json(with_tax: tuple[str, str] | None) -> dict | None:
    return {"total": with_tax[0], "amount": with_tax[1]} if with_tax else None


# --------------------------------------------------------------------------------------------------
# Rows -> receipts


# A time after the date: "8:26", "21:15:00.5", "9.15", "21h15", "21:15 Uhr"; "PM", "p.m." or "p. m."; a zone as
# an offset, "Z", or one of ZONES' names ("2026-05-13 21:15:00 CEST")
_TIME = re.compile(r"^(?P<date>.*?),?[ T]+(?P<time>\d{1,2}(?::\d{2}(?::\d{2}(?:\.\d+)?)?|[.h]\d{2}))\s*(?:Uhr\b)?\s*"
                   r"(?P<ampm>[AaPp]\.?\s?[Mm]\.?)?\s*(?P<zone>Z|[+-]\d{2}:?\d{2}|[A-Z]{3,4})?\s*$")
# What is left of a time the pattern above does not read ("21:15 Europe/Paris", "9 pm"): no sale at noon instead
_CLOCKISH = re.compile(r"[\sT]\d{1,2}(?:[:h]\d{2}|\.\d{2}(?![\d.]))|\d\s?[AaPp]\.?\s?[Mm]\b")
# Hours from UTC of the zones tills name
ZONES = {"UTC": 0, "GMT": 0, "WET": 0, "BST": 1, "WEST": 1, "CET": 1, "MEZ": 1, "CEST": 2, "MESZ": 2, "EET": 2,
         "EEST": 3, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7}
# A column of the zone of the file's times (PayPal's "TimeZone", "Zeitzone", "Fuseau horaire"), as header_key writes it
ZONE_COLUMNS = frozenset({"timezone", "zeitzone", "fuseauhoraire", "zonahoraria", "fusoorario", "fusohorario",
                          "tijdzone"})


_MIDNIGHT = re.compile(r"(?P<hour>0?0|12)[:.]00(?:[:.]00(?:[.,]0+)?)?")


def _at_midnight(clock: str, ampm: str | None) -> bool:
    """Whether a time is midnight: "00:00", "00:00:00", "12:00 AM" (not "12:00", noon)."""
    m = _MIDNIGHT.fullmatch(clock)
    return m is not None and (m["hour"] == "12") == (ampm is not None and ampm.lower().startswith("a"))


def split_time(text: str) -> tuple[str, str | None, str | None, str | None]:
    """"12/1/2010 8:26" -> ("12/1/2010", "8:26", None, None); (date, time, am/pm, zone)."""
    m = _TIME.match(text.strip())
    if not m:
        return text.strip(), None, None, None
    return m.group("date"), m.group("time"), m.group("ampm"), m.group("zone")


@functools.lru_cache(maxsize=4096)
def day_of(moment: str) -> date:
    """The shop's calendar day of a UTC time as text."""
    return loyalty.local_date(from_utc_text(moment))


def _said(error: Exception) -> str:
    """What is wrong with a value, as a reject's reason: the check's own words ("the amount is in GBP, not
    EUR"), without the field and value the reject gives beside it."""
    return getattr(error, "detail", "") or str(error)


def currency_written(text: str, usual: str) -> str:
    """money.currency_of in the shop's locale, or else the one currency the sign is in any language ("zł")."""
    try:
        return money.currency_of(text, usual, shop_locale())
    except InvalidValue:
        codes = cleaning.currencies_of_sign(text)
        if len(codes) != 1:
            raise
        return next(iter(codes))


def _is_total_row(cells: list[str]) -> bool:
    """Whether a row is a report's total of the rows above (Zettle's "Total" at the end): its first cell with
    words says so (a sales row starts with a date or a number, not a name)."""
    first = next((cell for cell in cells if cell.strip()), "")
    return " ".join(fold(first).replace(":", " ").split()) in cleaning.TOTAL_WORDS or cleaning.says_total(first)


class _Implausible(Exception):
    """A value that can be read but that no shop's till writes; its reason is str() of it."""


def _moment(text: str, order: str | None, latest: date | None = None) -> str | None:
    """A purchase's time as UTC text; a date alone is noon local time (as services.when reads it).
    Raises _Implausible for a date before FIRST_YEAR or, as written in the file, after `latest`."""
    day_text, clock, ampm, zone = split_time(text)
    day = cleaning.parse_date(day_text, order or "ymd")
    if day is None or day.startswith("--"):
        return None
    d = date.fromisoformat(day)
    if d.year < FIRST_YEAR:
        raise _Implausible(TOO_OLD)
    if latest is not None and d > latest:
        raise _Implausible(IN_FUTURE)
    if clock is None:
        if _CLOCKISH.search(text):
            return None  # (a time that cannot be read)
        moment = when.local_moment(d, time(12))
    else:
        parts = [float(p) for p in (clock.split(":") if ":" in clock else re.split("[.h]", clock))]
        hour, minute = int(parts[0]), int(parts[1])
        second = int(parts[2]) if len(parts) > 2 else 0
        if ampm:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if ampm[0] in "Pp" else 0)
        if hour > 23 or minute > 59 or second > 59:
            return None
        if zone == "Z":
            tz = timezone.utc
        elif zone and zone[0].isalpha():
            if zone not in ZONES:
                return None
            tz = timezone(timedelta(hours=ZONES[zone]))
        elif zone:
            sign = 1 if zone[0] == "+" else -1
            digits = zone[1:].replace(":", "")
            tz = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
        else:
            tz = None
        naive = datetime.combine(d, time(hour, minute, second))
        moment = naive.replace(tzinfo=tz) if tz else naive.astimezone()  # local time when no zone is given
    return to_utc_text(moment)


_NUMBER = re.compile(r"([+-]?)(\d+)(?:([.,])(\d+))?")


def _quantity(text: str, mark: str | None = None) -> int | Decimal | None:
    """A quantity: an int when it is whole ("3", "-1", "2,00"), a Decimal when it is weighed ("0,350", "2.5"
    kg); None for anything else. `mark`: the file's decimal mark when known, which says whether "1,000" is
    one or a thousand. Without it, raises InvalidValue ("ambiguous") for a value a thousands separator could
    have written ("1,000", "2.000"); other values with three decimals ("1,250") are weights."""
    m = _NUMBER.fullmatch(text.strip().replace("\u2212", "-"))
    if m is None:
        return None
    sign, whole, separator, decimals = m.groups()
    if separator and len(decimals) == 3 and len(whole) <= 3 and whole != "0" and separator != mark:
        if mark is not None:  # the other mark: a thousands separator
            return int(sign + whole + decimals)
        if not decimals.strip("0"):
            raise InvalidValue("quantity", text, "ambiguous", AMBIGUOUS_QUANTITY)
    if separator and len(decimals) > 3 and decimals.strip("0"):
        return None
    value = Decimal(f"{sign}{whole}.{decimals}" if separator else f"{sign}{whole}")
    return int(value) if value == value.to_integral_value() else value


def _not_a_sale(kind: list[str]) -> bool:
    """Whether the words of a row's type (as fold() writes them) say it is no sale: a withdrawal, a fee, a hold."""
    if not kind or tuple(kind) in SALE_TYPES:
        return False
    return (any(word.startswith(NOT_SALES) or word in NOT_SALE_WORDS for word in kind)
            or "release" in kind and (len(kind) == 1 or not RELEASED.isdisjoint(kind)))


def _status(text: str) -> str | None:
    value = " ".join(fold(text.strip()).replace("_", " ").replace("-", " ").split())
    value = value.removeprefix("wc ")  # (WooCommerce's own names: "wc-completed")
    if not value or value in PAID or value.startswith(PARTLY_REFUNDED):
        return "paid"
    if value in DUE or value.startswith(DUE_STARTS):
        return "due"
    if value in NOT_MADE:
        return "not_sale"
    if value in WRITTEN_OFF or value.replace(" ", "") in WRITTEN_OFF:
        return "written_off"
    if value.startswith(CANCELLED):
        return "paid" if any(word.startswith(IN_PART) for word in re.findall(r"\w+", value)) else "cancelled"
    return None


@dataclass
class _Receipt:
    rows: list[int]
    reference: str
    occurred_at: str
    currency: str
    status: str
    payment_method: str
    customer: str  # the normalised key ("" when the file names no customer)
    details: dict  # what a new customer would be made of
    items: list[tuple[str, int, int]]  # description, quantity, unit price (minor)
    amount: int | None  # from an amount column (summed over the rows)
    cancellation: bool
    amounts: list[int]  # each row's amount
    contact_id: int | None = None
    action: str = ""
    reason: str = ""
    refunded: list[int] = field(default_factory=list)  # each row's amount paid back (positive)
    refunded_whole: bool = False  # a row says "refunded: yes"
    refund_of: _Receipt | int | None = None  # a refund in part: the sale it pays back (of this file, or recorded)
    beside_sale: bool = False  # a cancelled attempt to pay a sale of its number: never that sale, paid back since
    # a refund's row of its own number, of a sale recorded before that the file says is refunded: that sale (its id
    # and customer)
    paid_back_sale: tuple[int, int | None] | None = None
    moved: bool = True  # a row of it moved money (PayPal's "Memo" rows did not: a cart's items, an authorisation)
    kind: str = ""  # what `customer` is: "email", "phone", "id" or "name" (MATCHES)
    also: tuple[tuple[str, str], ...] = ()  # its row's other keys as written, tried when `customer` finds no one
    outstanding: int | None = None  # what its rows say the customer still owes of it (Shopify's "Outstanding Balance")
    paid: int | None = None  # what is paid of it, when its file says what is outstanding (else by its status)
    priced_lines: bool = False  # a row of it is an item with an amount of its own (not a line under a total row)
    charges: int = 0  # the order's shipping and tax less its discounts, beside its lines (ETSY_ORDER_CHARGES)
    due_on: str | None = None  # when its file says it is to be paid, if it is not (an invoice's due date)
    # its rows a "Voided" column says were voided: their lines and amount, apart (_Reader.voided_lines)
    voided: list[tuple[int, list[tuple[str, int, int]], int | None]] = field(default_factory=list)
    not_voided: bool = False  # a row of it says it was not voided ("no"): its rows are voided one by one
    number: str = ""  # its number in the file, where the file gives each purchase one (smallcrm's own: OWN_SIGNS)
    number_paid_back: str = ""  # a refund's: the number of the sale it pays back, in that file

    @property
    def total(self) -> int:
        if self.amount is not None:
            return self.amount
        return sum(q * p for _, q, p in self.items) + self.charges


class _Reader:
    def __init__(self, layout: ci.FileLayout, options: PurchaseImportOptions, currency: str, region: str | None,
                 matches: list[str]):
        self.layout = layout
        self.options = options
        self.currency = currency
        self.currencies: dict[str, str] = {}  # a currency column's codes and symbols, as read
        self.region = region
        self.col = {name: i for i, name in reversed(list(enumerate(layout.fields))) if name}
        self.matches = matches  # how customers are found (_Run.matches)
        self.receipts: dict[str, _Receipt] = {}
        self.last: dict[str, _Receipt] = {}  # receipt number -> the last receipt of that number a row went to
        self.till_of: dict[str, str] = {}  # receipt number -> the till of its last row that named one (register)
        # receipt number -> the time of a dated row of it rejected after that (its next rows without a date are of
        # the receipt it would have started, not of the last one: numbers that start again each day)
        self.rejected_at: dict[str, str] = {}
        self.rejects: list[Reject] = []
        self.cells: list[str] = []  # the row being read
        # the first PREVIEW rejected rows' date, receipt number, customer and amount as written (PurchasePlan.written)
        self.written: dict[int, tuple[str, str, str, str]] = {}
        # (receipt number, its day) -> the first rejected row: the receipt is left out
        self.broken: dict[tuple[str, date], int] = {}
        # receipt number -> the rows of it rejected before their day was known (a date that cannot be read): they
        # leave out every receipt of that number; where numbers start again each day, the one whose rows are next to
        # them (not that number's every day)
        self.undated: dict[str, list[int]] = {}
        self.reference = ""  # the receipt number of the row being read
        self.moment: str | None = None  # its time, once read
        self.restarts = False  # a number's sale on one day, another sale under it on another day
        self.latest = when.today() + FUTURE_SLACK  # the last day a sale can be dated
        self.mark: str | None = None  # the file's decimal mark, once a value needed it (decimal_mark)
        # times without a zone under a heading that names UTC ("Created (UTC)", Stripe's) are UTC, not local
        self.utc = "date" in self.col and "utc" in header_key(layout.headers[self.col["date"]])
        self.mark_looked_for = False
        self.paid_to: int | None = None  # PayPal's To Email Address: the customer on money out (a refund)
        self.impact: int | None = None  # PayPal's Balance Impact column
        self.sale_of: int | None = None  # PayPal's Reference Txn ID: the sale a refund or a cart's item belongs to
        self.lightspeed_x = layout.preset == "lightspeed_x"
        keys = _keys(layout.headers)
        self.stock_code = keys.index("stockcode") if "stockcode" in keys else None  # (BOOKKEEPING_CODES)
        # the zone of times written without one, in a column of its own (PayPal's "TimeZone": "PST", "CET")
        self.zone = next((i for i, key in enumerate(keys) if key in ZONE_COLUMNS), None)
        # Lightspeed's "Paid": what was paid of a sale (all of it, a lay-by's deposit, none of a sale on account)
        self.paid_column = keys.index("paid") if self.lightspeed_x and "paid" in keys else self.col.get("paid")
        # in a file without a receipt number column, a name that is an order's number ("#1001", a web shop's "Name")
        # is the receipt's number
        self.number_in_name = "name" in self.col and "reference" not in self.col
        # Etsy's Sold Order Items: the order's own charges, on each of its rows (ETSY_ORDER_CHARGES)
        self.order_charges = [(keys.index(key), sign) for key, sign in ETSY_ORDER_CHARGES
                              if layout.preset == "etsy_items" and key in keys]
        if layout.preset == "paypal":
            self.impact = keys.index("balanceimpact")
            if "referencetxnid" in keys and self.col.get("reference") == keys.index("transactionid"):
                self.sale_of = keys.index("referencetxnid")
            if self.col.get("email") == keys.index("fromemailaddress"):
                self.paid_to = keys.index("toemailaddress")
        discount = layout.headers[self.col["discount"]] if "discount" in self.col else ""
        # a discount column's values are percentages ("Discount %"), or amounts (unless a value says "%")
        self.discount_percent = "%" in discount or bool(_PERCENT_WORDS & set(header_words(discount)))
        self.discount_label = _BRACKETED_END.sub("", discount).strip(" %") or discount  # (the discount line's words)
        self.rows = 0
        self.cut_short = False  # rows were left unread (read's `limit`)
        self.warnings: list[tuple[str, int]] = []  # what reading tidied (reader.RowStream.warnings), and more
        self.warning_rows: dict[str, list[int]] = {}  # the first rows of what reading tidied, by kind
        self.long_items = 0  # items cut to what a line holds
        self.lost_letters = 0  # rows with a letter that cannot be read, kept as written
        self.repeated_sales: list[int] = []  # rows of a sale that an earlier file put before it gave already
        self.bookkeeping_rows: list[int] = []  # rows of the shop's own fees and adjustments (BOOKKEEPING_CODES)
        self.voided_rows: list[int] = []  # the rows of lines voided on a receipt whose other lines were not
        self.rejoined: list[int] = []  # rows whose number a comma not in quotes split (rejoined)
        self.split_rows: set[int] = set()  # those and the ones whose split numbers can be rejoined two ways
        self.split_long = 0  # of them, those longer than the header (not only into cells the reader dropped)
        self.number_columns = sorted(self.col[name] for name in _NUMBER_FIELDS if name in self.col)

    def cell(self, cells: list[str], name: str) -> str:
        i = self.col.get(name)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    def description(self, cells: list[str]) -> str:
        """What the row sold, tidied (without the `'` a spreadsheet, or an export, puts before "=Gift")."""
        return clean_text(cleaning.unguard_formula(self.cell(cells, "description")[:v.MAX_TEXT]), "description",
                          v.MAX_TEXT)

    def line(self, text: str) -> str:
        """A line's text, cut to what a line holds, ending in "…" (a long product list loses no sale, and the import
        says how many were cut: "long_items")."""
        if len(text) <= MAX_DESCRIPTION:
            return text
        self.long_items += 1
        return text[:MAX_DESCRIPTION - 1].rstrip() + "…"

    def reject(self, row: int, reason: str, name: str | None = None, value: str | None = None) -> None:
        column = self.layout.headers[self.col[name]] if name in self.col else None
        self.rejects.append(Reject(row, reason, column, value))
        if len(self.written) < PREVIEW:
            cells, cell = self.cells, self.cell
            who = (cell(cells, "email") or cell(cells, "name") or cell(cells, "customer_id") or cell(cells, "phone")
                   or " ".join(filter(None, (cell(cells, "first_name"), cell(cells, "last_name")))))
            quantity, price = cell(cells, "quantity"), cell(cells, "unit_price")
            amount = cell(cells, "amount") or (f"{quantity} × {price}" if quantity and price else price)
            moment = f'{cell(cells, "date")} {cell(cells, "time")}'.strip()
            self.written[row] = (moment, cell(cells, "reference"), who, amount)
        if self.reference and self.moment is None:
            self.undated.setdefault(self.reference, []).append(row)
        elif self.reference:
            self.broken.setdefault((self.reference, day_of(self.moment)), row)
            self.rejected_at[self.reference] = self.moment

    def _refund_apart(self, receipt: _Receipt, occurred_at: str, cells: list[str]) -> bool:
        """Whether a row of the other sign under a receipt's number, at another time, whose type does not say it is a
        refund, is one of its own: not a discount, nor a line of a till that times each line it scans (a bottle
        deposit paid back first, "Leergut -3,00", then the sale, seconds apart)."""
        if abs(from_utc_text(occurred_at) - from_utc_text(receipt.occurred_at)) <= LINE_SPREAD:
            return False
        return not any(word.startswith(DISCOUNTS) for word in re.findall(r"\w+", fold(self.cell(cells, "description"))))

    def currency_beside(self, cells: list[str]) -> str | None:
        """The currency a sign beside the row's amount or price names ("£25.00"); the shop's for a sign several
        currencies write ("$"); None for amounts without a sign."""
        for name in ("amount", "unit_price"):
            codes = cleaning.currencies_beside(self.cell(cells, name))
            if codes:
                return next(iter(codes)) if len(codes) == 1 else self.currency
        return None

    def number(self, read: Callable[[str, str | None], object], text: str):
        """`read(text, mark)`, with the file's decimal mark once a value could be read two ways without it
        ("1,000": one, or a thousand)."""
        try:
            return read(text, self.mark)
        except InvalidValue as e:
            if e.problem != "ambiguous" or self.mark_looked_for:
                raise
            self.mark = self.decimal_mark()
            return read(text, self.mark)

    def discount(self, text: str, line: int, money_in: Callable[[str, str | None], int]) -> int | None:
        """What a discount cell takes off a line of `line` (minor units): a percentage of it ("10%", or any number
        in a column of percentages) rounded to the cent, more than the line above 100%, or an amount ("2.50", "-2.50");
        None when it is neither."""
        try:
            if self.discount_percent or text.endswith("%"):
                rate = self.number(_quantity, text.rstrip("% ").lstrip("-"))
                if rate is None:
                    return None
                return int((Decimal(line) * Decimal(rate) / 100).to_integral_value(ROUND_HALF_UP))
            return abs(self.number(money_in, text))
        except (InvalidValue, ValueError):
            return None

    def decimal_mark(self) -> str | None:
        """The decimal mark the file's amounts, prices and quantities all show ("12,50", "0,350"): one pass
        over those cells; None when no value tells, or they disagree."""
        self.mark_looked_for = True
        columns = [self.col[name] for name in ("amount", "unit_price", "quantity") if name in self.col]
        with reader.read_rows(self.layout.path, self.layout.dialect) as rows:
            mark = cleaning.infer_decimal_mark(cells[i] for _, cells in rows for i in columns if i < len(cells))
        return None if mark == "ambiguous" else mark

    def _sums(self, cells: list[str]) -> bool:
        """Whether a row is a total of the rows above: its item column says so ("Total", "Tagessumme": no item is
        called that, and a receipt's total under its items would count it twice); its customer column, on a row
        with no receipt number; its receipt column, on a row that names no customer."""
        def says(field: str) -> bool:
            text = self.cell(cells, field)
            return " ".join(fold(text).replace(":", " ").split()) in SUM_NAMES or cleaning.says_total(text)

        if says("description"):
            return True
        if says("name"):
            return not self.cell(cells, "reference")
        return says("reference") and not any(self.cell(cells, field) for field in (
            "name", "first_name", "last_name", "email", "phone", "customer_id"))

    def customer_keys(self, number: int, cells: list[str]) -> list[tuple[str, str]] | None:
        """The row's customer keys, (match, key) for each of `matches` the row fills, in their order: the first one
        that can be read, normalised, then the others as written (read when it finds no one: _Run.ids), a name only
        when the row has no other. None after a reject: of a key that cannot be read, when the row has no other
        to go by."""
        keys, unread = [], None
        # (a till's number for its walk-in customer, beside the name "Walk-in customer", is no one's either)
        walk_in = "id" in self.matches and nobody("name", self.cell(cells, "name"))
        for match in self.matches:
            value = self.cell(cells, KEY_FIELD[match]).lstrip("'").strip()
            if match == "name" and not value:
                value = " ".join(p for p in (self.cell(cells, "first_name"), self.cell(cells, "last_name")) if p)
            if not value or (match == "name" and unread) or nobody(match, value) or walk_in and match == "id":
                continue  # (a name is no one's key beside an unreadable one: Ann Lee of another email is another)
            if keys:
                if match != "name":
                    keys.append((match, value))
                continue
            if match == "name" and "@" in value:  # ("Client": an email address, where a till writes its customer)
                with suppress(InvalidValue):
                    keys.append(("email", customer_key("email", name_and_address(value)[1], self.region)))
                    continue
            try:
                keys.append((match, customer_key(match, value, self.region)))
            except InvalidValue as e:
                unread = unread or (e, match, value)
        if unread is not None and (not keys or len(self.matches) == 1):
            e, match, value = unread
            reason = {"email": "invalid email", "phone": "invalid phone number", "too_long": "too long",
                      "unrecognised": UNREAD_PHONE}
            self.reject(number, reason.get(e.problem) or _said(e), KEY_FIELD[match], value)
            return None
        return keys

    def read(self, progress, cancelled, limit: int | None = None, again: frozenset[int] = frozenset()) -> None:
        """Read every row (the first `limit` only, when given: `cut_short` then says whether more were left), but
        those of `again` (_given_again), left out and said."""
        layout = self.layout
        order = layout.date_orders.get(self.col.get("date", -1))
        self.due_order = layout.date_orders.get(self.col.get("due_date", -1), "ymd")
        last, prefix = self.col.get("last_name"), self.col.get("last_name_prefix")  # (Dutch "van der" Berg)
        with reader.read_rows(layout.path, layout.dialect, limit) as rows:
            for number, cells in rows:
                if number in again:
                    self.repeated_sales.append(number)
                    continue
                if last is not None and prefix is not None:
                    cells[last] = cleaning.with_prefix(cells[prefix].strip(), cells[last].strip())
                self.rows += 1
                if self.rows % ci.CHUNK == 0:
                    if cancelled is not None and cancelled():
                        raise ci.ImportCancelled()
                    if progress is not None:
                        progress(self.rows, layout.rows_total or 0)  # 0: the total is not known yet
                self.row(number, cells, order, rows.dropped[1] if rows.dropped[0] == number else 0)
            self.voided_lines()
            self.cut_short = rows.cut_short
            long_rows = [n for n in rows.warning_rows.get("long_rows", ()) if n not in self.split_rows]
            split = self.split_long
            self.warnings = [(kind, n - split if kind == "long_rows" else n)
                             for kind, n in rows.warnings if kind != "long_rows" or n > split]
            self.warnings += [(kind, n) for kind, n in (
                ("repeated_sales", len(self.repeated_sales)), ("voided_lines", len(self.voided_rows)),
                ("bookkeeping_lines", len(self.bookkeeping_rows)),
                ("split_numbers", len(self.rejoined)), ("long_items", self.long_items),
                ("lost_letters", self.lost_letters)) if n]
            self.warning_rows = {**rows.warning_rows, "long_rows": long_rows}
            if not long_rows:
                del self.warning_rows["long_rows"]
            if self.rejoined:
                self.warning_rows["split_numbers"] = self.rejoined[:reader.ROWS_SAID]
            if self.repeated_sales:
                self.warning_rows["repeated_sales"] = self.repeated_sales[:reader.ROWS_SAID]
            if self.voided_rows:
                self.warning_rows["voided_lines"] = self.voided_rows[:reader.ROWS_SAID]
            if self.bookkeeping_rows:
                self.warning_rows["bookkeeping_lines"] = self.bookkeeping_rows[:reader.ROWS_SAID]

    def voided_lines(self) -> None:
        """A "Voided" column's yes on a receipt's first row voids the receipt, unless another row of it says no;
        else it voids its row's line (a till's cancelled line: left out, said)."""
        for receipt in self.receipts.values():
            if not receipt.voided:
                continue
            if receipt.not_voided or receipt.voided[0][0] != receipt.rows[0]:
                self.voided_rows.extend(number for number, _, _ in receipt.voided)
                continue
            receipt.status = "cancelled"
            for _, lines, amount in receipt.voided:
                receipt.items.extend(lines)
                if amount is not None:
                    receipt.amount = (receipt.amount or 0) + amount
                    receipt.amounts.append(amount)

    def cents(self) -> bool:
        """Whether a number a comma not in quotes split may be a decimal comma's ("12,50"): not in a file whose
        other numbers write "12.50"."""
        if not self.mark_looked_for:
            self.mark = self.decimal_mark()
        return self.mark != "."

    def rejoin(self, cells: list[str]) -> list[list[str]]:
        """A row with more cells than the column names read as cells of numbers that a comma not in quotes split
        ("1,234.50" as "1" and "234.50"; "12,50" as "12" and "50") put together again, each column of numbers then
        a number, or empty: no way, one, or (at most) two."""
        width = len(self.layout.headers)
        numbers = self.number_columns
        found: list[list[str]] = []
        if not any(_FIRST_PIECE.fullmatch(cells[i].strip()) and (
                _LAST_PIECE.fullmatch(cells[i + 1].strip()) or _CENTS_PIECE.fullmatch(cells[i + 1].strip()))
                for i in numbers):
            return found  # (no number's start beside a next piece of it: most rows, quickly)
        cents = self.cents()

        def read(i: int, column: int, out: list[str]) -> None:  # cells[i:] into the columns from `column` on
            if column == width:
                if i == len(cells):
                    found.append(out)
                return
            if len(found) > 1:  # (two ways are enough to say so)
                return
            cell = cells[i].strip()
            if (column not in numbers or not cell or cell.casefold() in cleaning.PLACEHOLDERS
                    or _NUMBER_CELL.fullmatch(cell)):
                read(i + 1, column + 1, [*out, cells[i]])
            if column in numbers:
                for last in range(i + 2, min(len(cells) - (width - column - 1), i + 8) + 1):
                    pieces = [piece.strip() for piece in cells[i:last]]
                    if _split_number(pieces, cents):
                        read(last, column + 1, [*out, ",".join(pieces)])

        read(0, 0, [])
        return found

    def row(self, number: int, cells: list[str], order: str | None, dropped: int = 0) -> None:
        """Read a row; `dropped`: the empty cells past the header's width the reader dropped from it."""
        self.cells = cells = cleaning.plain_cells(cells)
        self.reference, self.moment = "", None  # (until read: a reject leaves out no other row's receipt)
        if len(cells) > len(self.layout.headers) or dropped:
            ways = self.rejoin(cells + [""] * dropped)
            if ways:
                self.split_rows.add(number)
                self.split_long += len(cells) > len(self.layout.headers)
            if len(ways) > 1:
                return self.reject(number, SPLIT_TWO_WAYS)
            if ways:
                self.cells = cells = ways[0]
                self.rejoined.append(number)
        if self._sums(cells):
            return self.reject(number, TOTAL_ROW)  # (a day's total under its sales: "02.03.2024;;Summe;65,00")
        if self.stock_code is not None and (
                self.stock_code < len(cells) and header_key(cells[self.stock_code]) in BOOKKEEPING_CODES
                or re.fullmatch(r"[Aa]\d+", self.cell(cells, "reference"))):
            self.bookkeeping_rows.append(number)
            return None
        # PayPal writes a "Memo" row that moved no money under a payment of its cart, for each item in it ("Shopping
        # Cart Item"): a line of the sale, whose total is the payment's alone; a memo row alone is no sale.
        impact = fold(cells[self.impact].strip()) if self.impact is not None and self.impact < len(cells) else ""
        memo, money_out = impact == "memo", impact.startswith(("deb", "soll"))  # (Débit, Débito, Soll)
        kind_text = self.cell(cells, "type")
        kind = re.findall(r"\w+", fold(kind_text)) if kind_text else []
        if self.lightspeed_x and kind in (["payment"], ["sale", "line"]):
            if kind == ["payment"]:  # how a receipt above was paid ("Cash"), no sale of its own
                receipt = self.last.get(self.cell(cells, "reference"))
                if receipt is not None and not receipt.payment_method:
                    receipt.payment_method = clean_text(self.cell(cells, "description"), "payment_method")[:200]
                return None
            memo = True  # an item of its receipt, whose total its "Sale" row gives
        not_sale = _not_a_sale(kind) or (
            self.paid_to is not None and money_out and kind and not any(word.startswith(PAID_BACK) for word in kind))
        returned = not not_sale and (any(word in RETURNS for word in kind)
                                     or any(phrase in " ".join(kind) for phrase in RETURN_PHRASES))
        if self.paid_to is not None and money_out and self.paid_to < len(cells):
            self.cells = cells = cells.copy()
            cells[self.col["email"]] = cells[self.paid_to]  # money out: the customer is the one it went to
        reference = self.cell(cells, "reference")
        if self.number_in_name and _ORDER_NUMBER.fullmatch(self.cell(cells, "name").strip()):
            reference = self.cell(cells, "name").strip()
        if self.sale_of is not None and (memo or money_out) and not not_sale and self.sale_of < len(cells):
            reference = cells[self.sale_of].strip() or reference  # under its sale's number: a refund of it, a line
        try:
            self.reference = reference = clean_text(reference.lstrip("'"), "reference")
        except InvalidValue:  # (a cell run together with others, or no number at all: this row only)
            return self.reject(number, "too long", "reference", f"{reference[:60]}…")
        ref_key = reference  # what tells its receipt from another's of the number: with the till it was rung up on
        if "register" in self.col and reference:  # (two tills each counting from 1: two receipts 1 of a day)
            till = " ".join(self.cell(cells, "register").split()).casefold()
            if till:
                self.till_of[reference] = till
            else:  # (a till named on a receipt's first row alone: Lightspeed's "Sale" row, not its lines)
                till = self.till_of.get(reference, "")
            ref_key = f"{reference}\x01{till}" if till else reference
        file_number = self.cell(cells, "purchase_number")
        if file_number:  # (a purchase of its own, however its reference reads: a refund by hand has none)
            ref_key = f"\x02{file_number}"
        # A receipt's later rows (Shopify's line items) may leave its date and currency to its first row.
        earlier = self.last.get(reference) if reference else None
        date_text = self.cell(cells, "date")
        clock = self.cell(cells, "time")  # a time in a column of its own (Square)
        if clock:  # (its time alone, of Access's "30.12.1899 10:15:00" or "12/30/1899 2:30:00 PM")
            clock = " ".join(filter(None, split_time(clock)[1:])) or clock
        if clock and date_text:
            day_text, own, ampm, zone = split_time(date_text)
            if own is None:
                date_text = f"{date_text} {clock}"
            elif zone is None and _at_midnight(own, ampm):
                date_text = f"{day_text} {clock}"  # (a spreadsheet's date and time cell, only its date filled in)
        if (self.utc or self.zone is not None) and date_text:
            _, clock, _, zone = split_time(date_text)
            written = cells[self.zone].strip().upper() if self.zone is not None and self.zone < len(cells) else ""
            if clock is not None and zone is None and (self.utc or written in ZONES):
                date_text += f" {written if written in ZONES else 'UTC'}"
        if date_text:
            try:
                occurred_at = _moment(date_text, order, self.latest)
            except _Implausible as e:
                return self.reject(number, str(e), "date", date_text)
            except (ValueError, InvalidValue):
                occurred_at = None
            if occurred_at is None:
                if _is_total_row(cells):
                    return self.reject(number, TOTAL_ROW)
                # its day at least ("04.02.2026 9:61"): the receipt it is of is left out, not its number's every day
                with suppress(_Implausible, ValueError, InvalidValue):
                    self.moment = _moment(split_time(date_text)[0], order, self.latest)
                return self.reject(number, "not a date (and time) that can be read", "date", date_text)
        elif reference in self.rejected_at:  # (a row of the receipt whose first row was rejected: left out too)
            occurred_at = self.rejected_at[reference]
        elif earlier is not None:
            occurred_at = earlier.occurred_at
        elif _is_total_row(cells):
            return self.reject(number, TOTAL_ROW)
        else:
            return self.reject(number, "the date is missing", "date", "")
        self.moment = occurred_at
        if cleaning.lost_letter(cells, self.col.values()) is not None:
            self.lost_letters += 1  # (kept as written, and said: no sale is left out for a letter of its text)
        written = self.cell(cells, "currency")
        if written:
            currency = self.currencies.get(written)
            if currency is None:
                try:
                    currency = self.currencies[written] = currency_written(written, self.currency)
                except InvalidValue as e:
                    return self.reject(number, _said(e), "currency", written)
        else:
            currency = self.currency_beside(cells) or (earlier.currency if earlier is not None else self.currency)
        cancellation = bool(re.fullmatch(r"[Cc]\d[\w-]*", reference))
        status = _status(self.cell(cells, "status"))
        voided = self.cell(cells, "voided")
        said = cleaning.parse_consent(voided) if voided else False
        # a "Voided" column's yes, or the date it was voided (not "NULL", "Not voided"): the row's line, or its
        # receipt (voided_lines)
        void = status is not None and bool(said or said is None and cleaning.STARTS_WITH_DATE.match(voided.strip()))
        if not_sale:
            status = "not_sale"
        paid_said = self.cell(cells, "paid")
        if status == "paid" and paid_said and not any(c.isdigit() for c in paid_said):  # (an amount: see `owed`)
            paid = cleaning.parse_consent(paid_said)
            if paid is None:
                return self.reject(number, NOT_PAID_AMOUNT, "paid", paid_said)
            status = "paid" if paid else "due"
        if status is None:
            return self.reject(number, "a payment status that is not paid, due, written off or cancelled", "status",
                               self.cell(cells, "status"))
        due_text = self.cell(cells, "due_date")
        # (read for a sale its row, or its file's amount owed, may say is unpaid, or was given up: not a paid one's)
        due_on = None
        if (due_text and due_text.casefold() not in cleaning.PLACEHOLDERS
                and (status in (*UNPAID, "written_off") or "outstanding" in self.col)):
            try:
                due_on = cleaning.parse_date(split_time(due_text)[0], self.due_order)
            except InvalidValue:
                due_on = None
            if due_on is None or due_on.startswith("--"):
                return self.reject(number, "not a due date that can be read", "due_date", due_text)
            if due_on < day_of(occurred_at).isoformat():
                return self.reject(number, "the due date comes before the sale", "due_date", due_text)
        amount = None
        item = discount = None
        largest = largest_amount(currency)

        def money_in(text: str, mark: str | None) -> int:
            return cleaning.parse_money(text, currency, mark)

        reading = "amount"  # the column being read, for a reject's words
        try:
            if "amount" in self.col and self.cell(cells, "amount"):
                amount = self.number(money_in, self.cell(cells, "amount"))
                if abs(amount) > largest:
                    return self.reject(number, TOO_LARGE, "amount", self.cell(cells, "amount"))
            if "quantity" in self.col or "unit_price" in self.col:
                quantity_text = self.cell(cells, "quantity") or "1"
                try:
                    quantity = self.number(_quantity, quantity_text)
                except InvalidValue as e:
                    return self.reject(number, _said(e), "quantity", quantity_text)
                if quantity is None:
                    return self.reject(number, NOT_A_QUANTITY, "quantity", quantity_text)
                if abs(quantity) > MAX_QUANTITY:
                    return self.reject(number, TOO_MANY, "quantity", quantity_text)
                if quantity < 0 and amount is not None and amount > 0:
                    amount = -amount  # (a return written with its quantity's sign alone: "-1" beside "15.00")
                price_text = self.cell(cells, "unit_price")
                if price_text:
                    reading = "unit_price"
                    price = self.number(lambda text, mark: cleaning.parse_money(text, currency, mark, exact=True),
                                        price_text)
                    if abs(price) > largest:
                        return self.reject(number, TOO_LARGE, "unit_price", price_text)
                    if quantity < 0 and price < 0:
                        price = -price  # (a return written with both signs, "-1 × -20.00": money out, not in)
                    description = self.description(cells)
                    if type(quantity) is Decimal or type(price) is Decimal:
                        # weighed, or priced finer than a cent (0.001 a screw): one line of what it came to, the
                        # quantity kept in its words
                        description = f"{quantity_text.strip()} × {description}".strip(" ×")
                        # (rounded as tills and scales round: half a cent up)
                        quantity, price = (1 if quantity > 0 else -1), int(
                            (abs(quantity) * price).to_integral_value(ROUND_HALF_UP))
                    if abs(quantity * price) > largest:
                        return self.reject(number, TOO_LARGE, "quantity", quantity_text)
                    item = (self.line(description), quantity, price)
                    discount_text = self.cell(cells, "discount") if amount is None and price > 0 else ""
                    if any(c.isdigit() for c in discount_text):
                        reading = "discount"
                        off = self.discount(discount_text, abs(quantity * price), money_in)
                        if off is None:
                            return self.reject(number, NOT_A_DISCOUNT, "discount", discount_text)
                        if off > abs(quantity * price):
                            return self.reject(number, DISCOUNT_TOO_LARGE, "discount", discount_text)
                        if off:  # a line of its own, that a return counts back too
                            label = f"{self.discount_label}: {description}" if description else self.discount_label
                            discount = (self.line(label), 1 if quantity > 0 else -1, -off)
                elif amount is not None and self.cell(cells, "description") and quantity:
                    # an item, its quantity and what it came to, with no unit price (Square): a line of it
                    description = self.description(cells)
                    if type(quantity) is int and amount % quantity == 0:
                        item = (self.line(description), quantity, amount // quantity)
                    else:
                        item = (self.line(f"{quantity_text.strip()} × {description}"), 1 if amount >= 0 else -1,
                                abs(amount))
            elif amount is not None and self.cell(cells, "description"):
                # what was sold, with no quantity or price (WooCommerce's "Product(s)"): a line of what it came to
                item = (self.line(self.description(cells)), 1 if amount >= 0 else -1, abs(amount))
        except (InvalidValue, ValueError) as e:
            return self.reject(number, _said(e), reading, self.cell(cells, reading))
        if returned:  # a return written as a sale (a type of "Refund" beside what was paid back): money out
            if amount is not None:
                amount = -abs(amount)
            if item is not None and item[1] * item[2] > 0:
                item = (item[0], -item[1], item[2])
                if discount is not None:  # (its discount, not paid back)
                    discount = (discount[0], -discount[1], discount[2])
        lines = [line for line in (item, discount) if line]
        if memo:
            amount = None
        elif amount is None and item is None:
            return self.reject(number, "no amount, and no quantity with a unit price", "amount", "")
        refunded_text = self.cell(cells, "refunded")
        refunded, refunded_whole = 0, False
        if any(c.isdigit() for c in refunded_text):
            try:
                refunded = abs(self.number(money_in, refunded_text))  # (Square writes it below zero)
            except (InvalidValue, ValueError) as e:
                return self.reject(number, _said(e), "refunded", refunded_text)
        elif refunded_text:  # a yes or no
            refunded_whole = cleaning.parse_consent(refunded_text)
            if refunded_whole is None:
                return self.reject(number, NOT_REFUNDED_AMOUNT, "refunded", refunded_text)
        refunded_whole = refunded_whole or (status == "cancelled"
                                            and fold(self.cell(cells, "status")).startswith(REFUNDED_STATUS))
        left_text = self.cell(cells, "after_refunds")
        if not refunded_text and amount is not None and any(c.isdigit() for c in left_text):
            try:  # what is left of the sale: the rest was refunded
                refunded_text, refunded = left_text, max(0, amount - self.number(money_in, left_text))
            except (InvalidValue, ValueError) as e:
                return self.reject(number, _said(e), "after_refunds", left_text)
        owed_text = self.cell(cells, "outstanding")
        owed = None
        if any(c.isdigit() for c in owed_text):
            try:
                owed = abs(self.number(money_in, owed_text))
            except (InvalidValue, ValueError) as e:
                return self.reject(number, _said(e), "outstanding", owed_text)
        if (owed is None and self.paid_column is not None and kind in ([], ["sale"]) and amount is not None
                and amount > 0):
            paid_text = cells[self.paid_column].strip() if self.paid_column < len(cells) else ""
            if any(c.isdigit() for c in paid_text):
                try:  # the rest of a lay-by or a sale on account is still owed
                    owed = max(0, amount - abs(self.number(money_in, paid_text)))
                except (InvalidValue, ValueError):
                    pass  # unread, the sale's status says whether it is paid, as in a file without the column
        keys = self.customer_keys(number, cells)
        if keys is None:
            return None
        by, customer = keys[0] if keys else ("", "")
        key = ref_key or f"\x00row {number}"
        receipt = self.receipts.get(key)
        row_total = amount if amount is not None else item[1] * item[2] if item else 0
        if receipt is not None and occurred_at != receipt.occurred_at:
            day = day_of(occurred_at)
            if day_of(receipt.occurred_at) != day:
                # receipt numbers that start again each day (a till's "Bon 1" every morning): another day, another
                # receipt (and a sale's refund on another day one of its own)
                self.restarts = self.restarts or row_total > 0 < receipt.total
                key = f"{ref_key}\x00{day}"
                receipt = self.receipts.get(key)
        attempt = False
        if (receipt is not None and row_total > 0 < receipt.total and self.cell(cells, "status")
                and (status == "cancelled") != (receipt.status == "cancelled")):
            # a failed or cancelled attempt to pay, and the payment, under one number (Stripe's charges of an
            # invoice, a declined card and then the one that paid): apart, the attempt not recorded
            key = f"{ref_key}\x00{status}"
            attempt = status == "cancelled"
            if not attempt:
                receipt.beside_sale = True
            receipt = self.receipts.get(key)
        if (receipt is not None and occurred_at != receipt.occurred_at and row_total * receipt.total < 0
                and (returned or self._refund_apart(receipt, occurred_at, cells))):
            # the sale's number on its refund, at another time (Square, PayPal): a refund of its own
            key = f"{ref_key}\x00{occurred_at}"
            receipt = self.receipts.get(key)
        charges = 0
        if receipt is None and self.order_charges:  # (the order's, on each of its rows: read on its first)
            for column, sign in self.order_charges:
                text = cells[column].strip() if column < len(cells) else ""
                if any(c.isdigit() for c in text):
                    try:
                        charges += sign * abs(self.number(money_in, text))
                    except (InvalidValue, ValueError) as e:
                        return self.reject(number, _said(e), self.layout.headers[column], text)
        if receipt is None:
            details = {name: self.cell(cells, name) for name in ("email", "phone", "customer_id", "name",
                                                                 "first_name", "last_name", "country")}
            if by == "email" and not details["email"]:  # (found by an address in its name column)
                details["name"], details["email"] = name_and_address(details["name"])
            if _ORDER_NUMBER.fullmatch(details["name"].strip()):
                details["name"] = ""  # (an order's number, no one's name)
            if sum(map(len, details.values())) > MAX_DETAILS:  # (a new customer keeps what it cannot read in notes)
                longest = max(details, key=lambda name: len(details[name]))
                return self.reject(number, cleaning.NOTES_TOO_LONG, longest,
                                   details[longest][:cleaning.PREVIEW_VALUE] + "…")
            self.rejected_at.pop(reference, None)
            self.receipts[key] = self.last[reference] = _Receipt(
                [number], reference, occurred_at, currency, status,
                clean_text(cleaning.unguard_formula(self.cell(cells, "payment_method")), "payment_method")[:200],
                customer, details,
                [] if void else lines, None if void else amount, cancellation,
                [amount] if amount is not None and not void else [],
                refunded=[refunded] if refunded_text else [], refunded_whole=refunded_whole, beside_sale=attempt,
                moved=not memo, kind=by, also=tuple(keys[1:]), outstanding=owed,
                priced_lines=item is not None and amount is not None and not void, charges=charges, due_on=due_on,
                voided=[(number, lines, amount)] if void else [], not_voided=said is False and bool(voided),
                number=file_number, number_paid_back=self.cell(cells, "refund_of") if file_number else "")
            return None
        if receipt.currency != currency:
            return self.reject(number, Phrase(OTHER_CURRENCY, reference=reference, currency=receipt.currency,
                                              other=currency),
                               "currency", currency)
        if receipt.customer != customer and customer:  # (a later row that names no customer is the receipt's)
            return self.reject(number, Phrase(OTHER_CUSTOMER, reference=reference), KEY_FIELD[by], customer)
        receipt.rows.append(number)
        self.last[reference] = receipt
        self.rejected_at.pop(reference, None)
        receipt.moved = receipt.moved or not memo
        receipt.not_voided = receipt.not_voided or said is False and bool(voided)
        if void:
            receipt.voided.append((number, lines, amount))
            return None
        if item:
            receipt.items.extend(lines)
            receipt.priced_lines = receipt.priced_lines or amount is not None
        if amount is not None:
            receipt.amount = (receipt.amount or 0) + amount
            receipt.amounts.append(amount)
        if refunded_text:
            receipt.refunded.append(refunded)
            receipt.refunded_whole = receipt.refunded_whole or refunded_whole
        if receipt.outstanding is None:
            receipt.outstanding = owed
        if receipt.due_on is None:
            receipt.due_on = due_on
        return None


# --------------------------------------------------------------------------------------------------
# Customers


def customer_key(match: str, value: str, region: str | None) -> str:
    """A customer's key for `match` (MATCHES), normalised as `_customer_index` writes it. Raises InvalidValue for an
    email or phone that cannot be read."""
    if match == "email":  # ("Ann Lee <ann@example.com>": the address)
        return cleaning.check_email((cleaning.email_parts(value) or [value])[0], "email").casefold()
    if match == "phone":
        phone = cleaning.check_phone(value, region)
        if phone.e164 is None:
            raise InvalidValue("phone", value, "unrecognised")
        return phone.e164
    if match == "id":  # (in any case: "c001" is C001)
        if cleaning.cut_short(value):  # (6.54321E+12 would be many customers' number)
            raise InvalidValue("customer_id", value, "cut_short", CUT_SHORT)
        return _customer_number(value).casefold()
    # ("Müller, Jürgen" is Jürgen Müller; "Mme Léa Martin" is Léa Martin, as the customer made of it is named)
    return name_words(search.sort_key(" ".join(cleaning.split_full_name(value))))


_NAMED_ADDRESS = re.compile(r"<\s*([^<>\s]+@[^<>\s]+)\s*>")


def name_and_address(text: str) -> tuple[str, str]:
    """A name column's "Ann Lee <ann@example.com>" (or "Lee, Ann <…>") as its name and its address; an address alone
    as no name and it."""
    m = _NAMED_ADDRESS.search(text)
    if m is None:
        return "", text.strip()
    return " ".join((text[:m.start()] + text[m.end():]).strip(" \"'").split()), m.group(1)


_ORDER_NUMBER = re.compile(r"#\s*\d+")


def nobody(match: str, value: str) -> bool:
    """Whether a customer key names no one: "n/a", "-", customer number 0 (WooCommerce's guests), "Walk-in
    customer" (NOBODY), and a till's number for it ("WALKIN", "GUEST")."""
    folded = value.strip().casefold()
    if folded in cleaning.PLACEHOLDERS or match == "id" and not cleaning.customer_number(folded):
        return True
    if match == "name" and _ORDER_NUMBER.fullmatch(folded):
        return True  # (an order's number where a web shop writes it, "Name": Shopify's "#1001")
    return match in ("name", "id") and " ".join(re.findall(r"\w+", fold(folded))) in NOBODY


def has_match_column(fields: list[str], match: str) -> bool:
    """Whether a file with these fields names its customers the way `match` finds them."""
    return KEY_FIELD[match] in fields or (match == "name" and ("first_name" in fields or "last_name" in fields))


def first_match(fields: list[str]) -> str | None:
    """How to find the customers of a purchases file: by the first of email, customer id, phone and name it
    has a column for; None when it names no customer (till rows: purchases without a customer)."""
    return next((match for match in AUTO_MATCHES if has_match_column(fields, match)), None)


_ORDERED = "\x1f"  # before a name written in order (duplicates.ordered_name), in the index of names


def _customer_index(conn, match: str) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    if match == "email":
        rows = conn.execute("SELECT email, contact_id FROM contact_email ORDER BY contact_id")
        for email, cid in rows:
            index.setdefault(email.casefold(), []).append(cid)
    elif match == "phone":
        for e164, cid in conn.execute("SELECT e164, contact_id FROM contact_phone WHERE e164 IS NOT NULL"
                                      " ORDER BY contact_id"):
            index.setdefault(e164, []).append(cid)
    elif match == "id":
        for external, cid in conn.execute("SELECT external_id, id FROM contact WHERE external_id != '' ORDER BY id"):
            index.setdefault(cleaning.whole_number(external).casefold(), []).append(cid)
    else:
        for cid, sort_name, first, last in conn.execute(
                "SELECT id, sort_name, first_name, last_name FROM contact ORDER BY id"):
            index.setdefault(name_words(sort_name), []).append(cid)
            spelled = _umlauts_spelled_out(first, last)
            if spelled:  # (found too as a keyboard without umlauts writes the name: Müller as Mueller)
                index.setdefault(spelled, []).append(cid)
            ordered = ordered_name(sort_name)
            if ordered:  # (found too by the name written with hyphens for spaces, or the other way)
                index.setdefault(_ORDERED + ordered, []).append(cid)
    return {key: list(dict.fromkeys(ids)) for key, ids in index.items()}


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def _umlauts_spelled_out(first: str, last: str) -> str:
    """The name key (name_words) of a name with its umlauts written out, Müller as Mueller; "" for a name without."""
    if not any(c in "äöüÄÖÜ" for c in first + last):
        return ""
    return name_words(search.sort_key(f"{last} {first}".translate(_UMLAUTS)))


def _contact_facts(conn, ids: list[int]) -> dict[int, tuple[str | None, int | None, str | None]]:
    out = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for cid, birthday, referred_by, deleted_at in conn.execute(
                f"SELECT id, birthday, referred_by_id, deleted_at FROM contact WHERE id IN ({marks})", chunk):
            out[cid] = (birthday, referred_by, deleted_at)
    return out


def _name_words(text: str) -> set[str]:
    """The words of a name, folded, umlauts also written out ("Müller": müller, muller, mueller), initials and
    punctuation left out ("DUBOIS, J.": dubois)."""
    words = set()
    for word in re.findall(r"\w{2,}", text):
        words |= {fold(word), fold(word.translate(_UMLAUTS))}
    return words


def _written_name(details: dict) -> str:
    """A customer's name as a purchases file writes it: its name column, or first and last names."""
    return " ".join((details.get("name") or f"{details.get('first_name', '')} {details.get('last_name', '')}").split())


def _name_key(r: _Receipt) -> str:
    """A receipt's customer's name as the file writes it, folded ("" for none)."""
    return " ".join(fold(_written_name(r.details)).split())


def _as_written(r: _Receipt) -> str:
    """A receipt's customer key as its file writes it (the key itself when the file writes it so)."""
    d = r.details
    written = _written_name(d) if r.kind == "name" else " ".join(d.get(KEY_FIELD.get(r.kind, ""), "").split())
    return written or r.customer


def _customer_number(text: str) -> str:
    """A customer number as the file writes it, without the ".0" a spreadsheet adds to a whole number."""
    return cleaning.whole_number(clean_text(text, "customer_id"))


def _file_number(text: str) -> str:
    """A new customer's number in the file, to find them by later ("" when there is none, is too long, or was cut
    short by a spreadsheet)."""
    if cleaning.cut_short(text):
        return ""
    try:
        return cleaning.customer_number(_customer_number(text.lstrip("'")))
    except InvalidValue:
        return ""


def _new_customer(receipt: _Receipt, region: str | None, headers: dict[str, str], word: str) -> ContactInput:
    """The customer a receipt's first row makes. An email or phone that cannot be read, and a name or country
    too long to be one, are kept in the notes under their column's name (`headers`: field -> column), as a
    contacts import keeps them: a typo in a detail loses no sale. One named by their number only is `word` and
    it ("Customer 17850", in the shop's language: customer_word). A name with a letter that cannot be read
    (cleaning.LOST_LETTER) is kept in the notes too: no customer is made with a garbled name."""
    d = receipt.details
    notes: list[str] = []

    def readable(text: str) -> None:
        v.clean_text(text)
        if "\ufffd" in text:
            raise InvalidValue("name", text, "lost_letter", cleaning.LOST_LETTER)

    def kept(name: str, value: str, check: Callable[[str], object] = readable) -> str:
        value = " ".join(value.split())
        if not value or value.lower() in cleaning.PLACEHOLDERS:
            return ""
        try:
            check(value)
        except InvalidValue:
            notes.append(f"{headers.get(name, name)}: {value}")
            return ""
        return value

    email = kept("email", d.get("email", ""), cleaning.check_email)
    phone = kept("phone", d.get("phone", ""), lambda text: cleaning.check_phone(text, region))
    first, last = kept("first_name", d.get("first_name", "")), kept("last_name", d.get("last_name", ""))
    company = ""
    if not (first or last) and d.get("name"):
        whole = kept("name", d["name"])
        if cleaning.company_name(whole):  # ("Müller GmbH": a business, no person's name, as a contacts import reads it)
            company = whole
        else:
            first, last = cleaning.split_full_name(whole) if whole else ("", "")
    if not (first or last or company):  # (as a contacts import names them; by the customer's number at least)
        last = email or phone or f"{word} {_file_number(d.get('customer_id', '')) or receipt.customer}"[:v.MAX_NAME]
    return ContactInput(first_name=first, last_name=last, company=company, emails=[email] if email else [],
                        phones=[phone] if phone else [], country=kept("country", d.get("country", ""), v.clean_text),
                        notes="\n".join(notes))


_REFUNDED = "SELECT -sum(r.total_minor) FROM purchase r WHERE r.refund_of_id = p.id"  # (of a purchase p)


def _own_refund(sale: _Receipt, total: int, recorded: tuple, refund_rows: dict) -> _Receipt | None:
    """The refund's row of its own number (SumUp's) of a sale recorded before, and nothing of it refunded then, that
    the file now says is refunded: the first one after it, of the same customer and amount, paying back no sale of
    the file. None when there is none."""
    if recorded[2]:
        return None
    rows = refund_rows.get((sale.customer, sale.currency, total), [])
    own = next((r for r in rows if r.occurred_at >= sale.occurred_at), None)
    if own is not None:
        rows.remove(own)
    return own


# A file's times without their zone are read in the computer's; one read before on a computer elsewhere (a laptop
# taken abroad) is up to this many hours apart (less than a day), and its sales, found by their own numbers, are
# the same sales (_Run._existing).
ZONE_HOURS = 20
# A till's count, of five figures or fewer, alone or padded with zeros after a letter ("17", "T0004", "B-012"; not an
# invoice's "RE0001"): it may start again each day (tomorrow's "1" is another receipt), so it names no sale of another
# file
_TILL_COUNT = re.compile(r"\d{1,5}|[A-Za-z][-_ ]?0\d{1,3}")


_MINUTE = len("2024-05-02T10:15")  # a time as UTC text, cut to its minute
_BY_NUMBER = ("by number",)  # _Run._existing's key of the purchases recorded by number: number -> (time, total, facts)


def date_only(moment: str) -> bool:
    """Whether a time is noon in the shop's time zone, as a file that gives a sale's day alone is read (_moment)."""
    return from_utc_text(moment).astimezone().time() == time(12)


def _recorded_as(number: str, moment: str, total: int, existing: dict[tuple, tuple | list],
                 ids: list[int] | None = None) -> tuple | None:
    """What an earlier import recorded the sale of `number` (cleaning.number_key) at `moment` as, if it did: at that
    time; else, of the same `total` and customer (`ids`: the contacts the row finds, when known), at another second
    of its minute (a spreadsheet saves a time without its seconds: "10:15:33" is "10:15" once the file is saved
    again), or on that day when one of the two files gave the sale's day alone (another till's receipt 1 of that day
    is another sale, of another total or customer)."""
    found = existing.get((number, moment))
    if found is not None:
        return found
    minute, day, alone = moment[:_MINUTE], day_of(moment), date_only(moment)
    for at, recorded_total, facts in existing.get(_BY_NUMBER, {}).get(number, ()):
        if recorded_total == total and (ids is None or (facts[1] in ids if ids else facts[1] is None)) and (
                at[:_MINUTE] == minute or (alone or date_only(at)) and day_of(at) == day):
            return facts
    return None


def _recorded(r: _Receipt, total: int, ids: list[int], existing: dict[tuple, tuple | list]) -> tuple | None:
    """What an earlier import recorded the receipt as (see _Run._existing), if it did: found by its number and
    time (_recorded_as), or without a number by its customer (`ids`: the contacts its keys find), time and total (a
    customer the book does not have has none) — each purchase recorded so once only: two coffees of the same minute
    and price recorded before, and three in a later export of the same day, are the two and one more. A time
    without its seconds is any second of its minute (a spreadsheet saves "10:15:33" as "10:15")."""
    if r.reference:
        return _recorded_as(cleaning.number_key(r.reference), r.occurred_at, total, existing,
                            ids if r.customer else [])
    ids = ids if r.customer else [None]
    same = existing.get((None, ids[0], r.occurred_at[:_MINUTE], total)) if ids else None
    if not same:
        return None
    at = r.occurred_at
    loose = from_utc_text(at).second == 0  # (this file's time has no seconds: any of its minute's)
    found = next((i for i, (recorded_at, _) in enumerate(same) if recorded_at == at), None)
    if found is None:
        found = next((i for i, (recorded_at, _) in enumerate(same)
                      if loose or from_utc_text(recorded_at).second == 0), None)
    return same.pop(found)[1] if found is not None else None


# --------------------------------------------------------------------------------------------------
# The run


class _SalesByNumber:
    """Which sale a refund under a sale's number pays back (Square's, PayPal's), of this file or recorded before;
    in a file whose numbers start again each day, that day's sale of the file. A sale "" is none; None, one the
    file (or an earlier one) says was paid back, and left out. A refund that names its sale by the file's own number
    for it (smallcrm's export: OWN_SIGNS) pays back that sale."""

    def __init__(self, conn, receipts: list[_Receipt], existing: dict[tuple, tuple | list], restarts: bool):
        self.restarts = restarts
        self.sales: dict[str | tuple[str, date], tuple[_Receipt | int | None, int | None]] = {}  # (with its customer)
        self.returned: dict[str | tuple[str, date], int] = {}  # what the file's refunds not recorded yet pay back
        self.allowed: dict[str | tuple[str, date], int] = {}  # what they may, of a sale refunded before
        # what was refunded of it before without a row of its own (a column's "Partial Refunds"): the first
        # refunds' rows not recorded yet are that, not more
        self.covered: dict[str | tuple[str, date], int] = {}
        self.numbered: dict[str, tuple[_Receipt | int | None, int | None]] = {}  # by the file's own numbers
        refunds = [r for r in receipts if r.reference and r.total < 0 and not r.cancellation]
        for r in refunds:
            if _recorded_as(cleaning.number_key(r.reference), r.occurred_at, r.total, existing) is None:
                self.returned[self.key(r)] = self.returned.get(self.key(r), 0) - r.total
        earlier = {r.number_paid_back for r in receipts if r.number_paid_back} - {r.number for r in receipts}
        if earlier:  # (an export cut in parts by dates: the sale a refund pays back is in an earlier part)
            self.numbered.update(_numbered_before(conn, earlier))
        if not restarts:
            found = self._recorded_sales(conn, {r.reference for r in refunds}
                                         - {r.reference for r in receipts if r.total > 0})
            self.sales = {number: (pid, contact_id) for number, (pid, contact_id, _) in found.items()}
            self.covered = {number: covered for number, (_, _, covered) in found.items() if covered > 0}

    def key(self, r: _Receipt) -> str | tuple[str, date]:
        return (r.reference, day_of(r.occurred_at)) if self.restarts else r.reference

    def returned_of(self, sale: _Receipt) -> int:
        return self.returned.get(self.key(sale), 0) if sale.reference else 0

    def planned(self, sale: _Receipt) -> None:
        if sale.number:
            self.numbered[sale.number] = (sale, sale.contact_id)
        if sale.reference:
            self.sales.setdefault(self.key(sale), (sale, sale.contact_id))

    def left_out(self, sale: _Receipt) -> None:
        if sale.number:
            self.numbered[sale.number] = (None, None)
        if sale.reference:
            self.sales[self.key(sale)] = (None, None)

    def recorded(self, sale: _Receipt, pid: int, contact_id: int | None, refunded: int, before: int,
                 at_sale: int) -> int:
        """A sale recorded before as `pid`, `before` of it refunded then (`at_sale` of that at its own time, as a
        column said), `refunded` of it now: what the file's refunds of it will pay back (no more than the refunds
        recorded leave; none of what a column's refund recorded before was)."""
        if sale.number:
            self.numbered[sale.number] = (pid, contact_id)
        if not sale.reference:
            return 0
        self.sales[self.key(sale)] = (pid, contact_id)
        if before and refunded:  # (a column's "Partial Refunds" imported before, the refund's own row now)
            self.allowed[self.key(sale)] = max(0, refunded - before)
        elif at_sale:
            self.covered[self.key(sale)] = at_sale
        return self.returned_of(sale)

    def sale_of(self, refund: _Receipt) -> tuple[_Receipt | int | None, int | None]:
        if refund.number_paid_back in self.numbered:
            return self.numbered[refund.number_paid_back]
        return self.sales.get(self.key(refund), ("", None)) if refund.reference else ("", None)

    def may_pay_back(self, refund: _Receipt, amount: int) -> bool:
        """Whether a refund's row of a sale pays back more than was recorded of it before (see `allowed` and
        `covered`), which it then uses up."""
        key = self.key(refund)
        if amount <= self.covered.get(key, 0):
            self.covered[key] -= amount
            return False
        if key not in self.allowed:
            return True
        if amount > self.allowed[key]:
            return False
        self.allowed[key] -= amount
        return True

    @staticmethod
    def _recorded_sales(conn, numbers: set[str]) -> dict[str, tuple[int | None, int | None, int]]:
        """The recorded sale of each number (one only: a number several sales share names none), with its
        customer and what was refunded of it at its own time (as a column says, without a row of its own);
        (None, None, 0) for a sale an earlier import left out as paid back. Not for a till's count (_TILL_COUNT),
        which may start again each day (tomorrow's "1" is another receipt)."""
        numbers = sorted(n for n in numbers if not _TILL_COUNT.fullmatch(n))
        found: dict[str, list[tuple[int, int | None, int]]] = {}
        cancelled: set[str] = set()
        for start in range(0, len(numbers), 500):
            chunk = numbers[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for reference, pid, contact_id, at_sale in conn.execute(
                    f"SELECT reference, id, contact_id, coalesce(({_REFUNDED} AND r.occurred_at = p.occurred_at), 0)"
                    f" FROM purchase p WHERE reference IN ({marks}) AND refund_of_id IS NULL AND total_minor > 0",
                    chunk):
                found.setdefault(reference, []).append((pid, contact_id, at_sale))
            cancelled.update(reference for (reference,) in conn.execute(
                "SELECT DISTINCT cancelled.value FROM import_batch, json_each(CASE WHEN json_valid(details) THEN"
                f" details ELSE '{{}}' END, '$.cancelled') AS cancelled WHERE undone_at IS NULL"
                f" AND cancelled.value IN ({marks})", chunk))
        out: dict[str, tuple[int | None, int | None, int]] = dict.fromkeys(cancelled, (None, None, 0))
        out.update((reference, sales[0]) for reference, sales in found.items() if len(sales) == 1)
        return out


def _numbered_before(conn, numbers: set[str]) -> dict[str, tuple[int, int | None]]:
    """The sales earlier imports (not undone) recorded under each of these numbers of smallcrm's export (the
    "numbers" of their details), with their customers; none for a number several sales were recorded under (two
    books' exports)."""
    found: dict[str, set[tuple[int, int | None]]] = {}
    for number, pid, contact_id in conn.execute(
            "SELECT n.key, p.id, p.contact_id FROM import_batch b, json_each(CASE WHEN json_valid(b.details) THEN"
            " b.details ELSE '{}' END, '$.numbers') AS n JOIN purchase p ON p.id = n.value WHERE b.undone_at IS NULL"
            " AND p.total_minor > 0 AND p.refund_of_id IS NULL AND n.key IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(numbers)),)):
        found.setdefault(number, set()).add((pid, contact_id))
    return {number: next(iter(sales)) for number, sales in found.items() if len(sales) == 1}


class _LeftOfSales:
    """What is left to pay back of each sale a refund of the file is linked to: of the file's (a receipt), or
    recorded before (its id), less the refunds recorded and those planned so far."""

    def __init__(self, conn):
        self.conn = conn
        self.left: dict[int, int] = {}  # by id() of the file's sale, or by the recorded sale's id, negated
        self.counted = 0  # the planned receipts taken off so far

    def of(self, sale: _Receipt | int, planned: list[_Receipt]) -> int:
        for r in planned[self.counted:]:
            if r.refund_of is not None:
                self.left[self._key(r.refund_of)] = self._start(r.refund_of) + r.total
        self.counted = len(planned)
        return self._start(sale)

    def _start(self, sale: _Receipt | int) -> int:
        key = self._key(sale)
        if key not in self.left:
            if isinstance(sale, _Receipt):
                self.left[key] = sale.total
            else:
                self.left[key] = self.conn.execute(f"SELECT total_minor - coalesce(({_REFUNDED}), 0) FROM purchase p"
                                                   " WHERE id = ?", (sale,)).fetchone()[0]
        return self.left[key]

    @staticmethod
    def _key(sale: _Receipt | int) -> int:
        return id(sale) if isinstance(sale, _Receipt) else -sale


def _given_again(layout: ci.FileLayout, limit: int | None) -> frozenset[int]:
    """The rows of a file of exports put one after another (each with its column names) that give again a sale an
    earlier one gave: a receipt's rows in a later export that are its rows in an earlier one, all of them, as many
    of each (its total would be doubled). A receipt one export cut off and the next goes on with is neither: its
    rows in the two are not the same."""
    column = next((i for i, name in enumerate(layout.fields) if name == "reference"), None)
    if column is None:
        return frozenset()
    parts: dict[str, dict[int, tuple[Counter, list[int]]]] = {}  # a number -> its rows in each export, and where
    with reader.read_rows(layout.path, layout.dialect, limit) as rows:
        for number, cells in rows:
            reference = cells[column].strip() if column < len(cells) else ""
            if reference:
                lines, numbers = parts.setdefault(reference, {}).setdefault(rows.repeated_headers, (Counter(), []))
                lines[hash(tuple(cells))] += 1
                numbers.append(number)
    again: set[int] = set()
    for exports in parts.values():
        if len(exports) > 1:
            seen: list[Counter] = []
            for lines, numbers in exports.values():  # (in the file's order)
                if lines in seen:
                    again.update(numbers)
                else:
                    seen.append(lines)
    return frozenset(again)


class _Run:
    def __init__(self, path: Path, options: PurchaseImportOptions, *, progress=None, cancelled=None):
        if options.match not in (*MATCHES, "auto"):
            raise InvalidValue("match", options.match, "choice", "one of auto, " + ", ".join(MATCHES))
        ci.check_options(options)
        self.currency = money.check_currency(options.currency or get_setting("currency") or "EUR")
        self.region = options.region if options.region is not None else default_region()
        self.layout = ci.read_layout(path, options, date_fields=("date", "due_date"), map_headers=map_purchase_headers,
                                     date_value=lambda text: split_time(text)[0] if text else text)
        self.with_tax: tuple[str, str] | None = None  # (see _with_tax)
        headers, fields = self.layout.headers, self.layout.fields
        if self.layout.preset == GENERIC and "amount" in fields:
            with reader.read_rows(path, self.layout.dialect) as rows:
                total = _with_tax(headers, fields, rows)
            if total is not None:
                self.with_tax = headers[total], headers[fields.index("amount")]
        found = first_match(self.layout.fields)
        self.customers_named = options.match != "auto" or found is not None
        # how customers are found: by the match chosen, or ("auto") by each the file has a column for, in turn (a
        # row without an email by its phone; one of a new email by its phone, when the book has that)
        self.matches = ([m for m in AUTO_MATCHES if has_match_column(self.layout.fields, m)]
                        if options.match == "auto" else [options.match])
        if options.match == "auto":  # (a file that names no customer: sales without customers)
            options = dataclasses.replace(options, match=found or "email")
        self.options = options
        if self.layout.preset in MONTH_FIRST:
            for i in self.layout.ambiguous_columns:
                self.layout.date_orders[i] = "mdy"
            self.layout.ambiguous_columns = []
        fields = self.layout.fields
        if "due_date" in fields and "date" in fields:  # due dates written as the file writes its sales' dates
            orders, open_ = self.layout.date_orders, self.layout.ambiguous_columns
            for one, other in permutations((fields.index("due_date"), fields.index("date"))):
                if one in open_ and orders.get(other) in ("dmy", "mdy"):  # (ISO dates say nothing of the other's)
                    orders[one] = orders[other]
                    open_.remove(one)
        self.progress = progress
        self.cancelled = cancelled
        self.counts = {"purchases": 0, "refunds": 0, "skip": 0, "reject": 0, "customers_created": 0, "points": 0,
                       "paid": 0, "without_customer": 0}
        # the purchases recorded before as due that the file says are paid (more) since: (id, paid, status)
        self.payments: list[tuple[int, int, str]] = []
        self.unmatched: dict[str, Unmatched] = {}
        # a key of a customer the book does not have, normalised -> the key they are listed by, and their name
        self.new_keys: dict[tuple[str, str], tuple[str, str]] = {}
        # a name (as customer_key writes it) -> the customers the book does not have, listed by another key, of it
        self.new_names: dict[str, set[str]] = {}
        self.skips: dict[str, int] = {}  # why purchases are skipped: reason -> how many
        self.shop_currency = loyalty.shop_currency()
        self.other_currencies: dict[str, int] = {}  # the purchases to record in another currency, by currency
        self.preview: list[PlannedPurchase] = []
        self.previewed: list[_Receipt] = []  # the receipt behind each preview row
        self.new_customers: dict[str, ci.State] = {}
        self.left_out: list[str] = []  # the numbers of sales not recorded as the file says they were paid back

    def currencies_apart(self) -> dict[str, int]:
        """other_currencies, the most first (the first named, to choose as the shop's)."""
        return dict(sorted(self.other_currencies.items(), key=lambda item: (-item[1], item[0])))

    def check_columns(self) -> None:
        fields = set(self.layout.fields)
        if not any(self.layout.headers) and ("date" not in fields or not fields & {"amount", "unit_price"}):
            raise InvalidValue("date", "", "column", "the file has no row of column names: say which column holds "
                               'what, by its number: --map "1=date" --map "2=amount" --map "3=email"...')
        if "date" not in fields:
            raise InvalidValue("date", "", "column", "the file has no date column; map one with --map \"Header=date\", "
                               "or, when the column names are on a row further down, give its number with --header-row")
        if "amount" not in fields and "unit_price" not in fields:
            raise InvalidValue("amount", "", "column", "the file has no amount or unit price column; "
                               "map one with --map \"Header=amount\"")
        match = self.options.match
        if self.customers_named and not has_match_column(self.layout.fields, match):
            other = first_match(self.layout.fields)
            word = MATCH_WORDS[match]
            if other is not None:
                raise InvalidValue("match", match, "column", f"the file has no {word} column to find the customers "
                                   f"by; it has a column for the {MATCH_WORDS[other]}: use --match {other}")
            raise InvalidValue("match", match, "column", f"the file has no {word} column to find the customers by "
                               "(map one with --map \"Header=" + KEY_FIELD[match] + "\", or leave out --match to "
                               "record its sales without customers)")

    def decide(self, conn, limit: int | None = None) -> list[_Receipt]:
        self.check_columns()
        ci.require_date_orders(self.layout)
        rows = _Reader(self.layout, self.options, self.currency, self.region, self.matches)
        rows.read(self.progress, self.cancelled, limit)
        if dict(rows.warnings).get("repeated_headers"):  # (exports put one after another: read again without
            again = _given_again(self.layout, limit)     # the sales a later one gives again)
            if again:
                rows = _Reader(self.layout, self.options, self.currency, self.region, self.matches)
                rows.read(self.progress, self.cancelled, limit, again)
        self.rows = rows
        self.counts["reject"] = len(rows.rejects)
        # In time order, then the file's: one text key per receipt (times are fixed-width UTC text), which sorts
        # four times faster than (time, row) pairs; a sort holds Python's lock, and the window waits for it.
        receipts = sorted(rows.receipts.values(), key=lambda r: f"{r.occurred_at}{r.rows[0]:010d}")
        named = any(r.customer for r in receipts)
        self.conn = conn  # (an index not read yet is read when a key several customers share needs it)
        self.trashed = {cid for (cid,) in conn.execute("SELECT id FROM contact WHERE deleted_at IS NOT NULL")}
        self.indexes = {match: _customer_index(conn, match) for match in (rows.matches if named else ())}
        self.numbered: set[int] | None = None  # the customers with a customer number (_numberless), when needed
        self.numbers_of: dict[str, set[str]] = {}  # a name -> the customer numbers the file gives it
        self.names_of: dict[str, set[str]] = {}  # a customer number -> the names the file gives it, as written
        self.loose: dict[str, list[int]] | None = None  # customers by number without its zeros (_unpadded)
        self.names_by_id: dict[int, set[str]] = {}  # a customer -> the words of their names (_someone_else)
        for r in receipts:
            if r.kind == "id":
                self.numbers_of.setdefault(_name_key(r), set()).add(r.customer)
                self.names_of.setdefault(r.customer, set()).add(_written_name(r.details))
        self.erased: frozenset[str] | None = None  # the fingerprints of those erased (_erased), when needed
        matched = sorted({ids[0] for r in receipts if r.customer for ids in [self.ids(r)] if ids})
        self.facts = _contact_facts(conn, matched)
        existing = self._existing(conn, receipts)
        # "C" before a receipt number marks a cancellation (the Online Retail layout) in a file whose other
        # receipts are numbered in figures without it ("536365" beside "C536379"); a till that numbers every
        # receipt "C…" sells, and so do registers of letters of their own ("A1001", "B1001", "C1001") and a web
        # shop's orders ("C2026-015") beside a till's tickets ("T0001").
        plain = [r.reference for r in receipts if r.reference and not r.cancellation]
        c_cancels = bool(plain) and sum(n.isdigit() for n in plain) >= 0.9 * len(plain)
        amounts = self.layout.headers[rows.col["amount"]] if "amount" in rows.col else ""
        order_totals = any(word in header_key(amounts) for word in ORDER_WORDS)  # (the amount is the order's)
        refunds = self.layout.headers[rows.col["refunded"]] if "refunded" in rows.col else ""
        order_refunds = any(word in header_key(refunds) for word in ORDER_WORDS)  # ("Order Refund Amount")
        broken = {reference for reference, _ in rows.broken} | rows.undated.keys()
        sales = _SalesByNumber(conn, receipts, existing, rows.restarts)  # what a refund under a sale's number pays back
        planned: list[_Receipt] = []  # what is recorded, a refund in part right after its sale
        # sales left out as paid back in full, by customer, currency and amount: a refund row of its own number, of
        # one of them, after it, is not recorded either (SumUp: the sale "Refunded", its refund under another number)
        paid_back: dict[tuple[str, str, int], int] = {}
        # what was paid back under the file's sales' numbers by refunds recorded before them (linked once the sales
        # are: _link_earlier_refunds), which a column saying what was refunded of the sale counts too
        earlier = _earlier_refunds(conn, {r.reference for r in receipts if r.reference and r.total > 0})
        # ... and so is one of a sale recorded before, paid back since: that row is its refund (_own_refund)
        numbers = {r.reference for r in receipts if r.reference and r.total > 0}
        refund_rows: dict[tuple[str, str, int], list[_Receipt]] = {}
        for r in receipts:
            if r.total < 0 and r.reference not in numbers:
                refund_rows.setdefault((r.customer, r.currency, -r.total), []).append(r)
        priced = "unit_price" in rows.col  # (without, a row's line is priced at the row's amount)
        # a refund paying back more than is left of its sale is one of its own (and said)
        left, over, unknown_sales = _LeftOfSales(conn), [], []
        for r in receipts:
            # the order's total written on each of its line rows (WooCommerce), not line totals: one amount on
            # every row, not each row's own line total, under a heading that names the order's total ("Order
            # Total Amount") or covering all the lines (two mugs at 10.00, and 23.50 with the shipping); two
            # coffees at 3.00, 3.60 each with the tax, have an amount each
            lines = [q * p for _, q, p in r.items]
            repeated = (len(r.amounts) == len(r.rows) > 1 and len(set(r.amounts)) == 1
                        and (lines != r.amounts or not priced and order_totals)
                        and (order_totals or len(lines) == len(r.rows) and abs(r.amounts[0]) >= abs(sum(lines))))
            if repeated:
                r.amount = r.amounts[0]
                if not priced and r.items:  # each line was priced at the order's total: one line of them all
                    r.items = [(rows.line(", ".join(d if abs(q) == 1 else f"{abs(q)} × {d}" for d, q, _ in r.items)),
                                1 if r.amount >= 0 else -1, abs(r.amount))]
            total = r.total
            refunded = sum(r.refunded)
            if len(r.refunded) > 1 and len(set(r.refunded)) == 1 and (repeated or order_refunds or refunded > total):
                refunded = r.refunded[0]  # the order's refund, written on each of its line rows
            if r.cancellation and c_cancels and total > 0:
                total = -total
                r.items = [(d, -q, p) for d, q, p in r.items]
                if r.amount is not None:
                    r.amount = -r.amount
            if total < 0:  # a refund's lines count back what was sold: negative quantities, prices as sold
                r.items = [(d, -q, -p) if p < 0 else (d, q, p) for d, q, p in r.items]
            undated = rows.undated.get(r.reference, ())
            if r.reference in broken and ((r.reference, day_of(r.occurred_at)) in rows.broken or undated and (
                    not rows.restarts or any(n - 1 in r.rows or n + 1 in r.rows for n in undated))):
                self._reject_receipt(r, BROKEN_RECEIPT)
                continue
            rest = sales.returned_of(r)  # what refunds of it in the file pay back
            if total > 0 and (r.status == "cancelled" or r.refunded_whole or refunded >= total):
                recorded = None if r.beside_sale else _recorded(r, total, self.ids(r), existing)
                if recorded is None:
                    self._plan(r, "skip", CANCELLED_REASON)
                    if r.refunded_whole and not r.beside_sale:
                        key = (r.customer, r.currency, total)
                        paid_back[key] = paid_back.get(key, 0) + 1
                    if not r.beside_sale:
                        sales.left_out(r)
                    if r.reference and not r.beside_sale:
                        self.left_out.append(r.reference)
                else:  # recorded by an earlier import, and paid back since: the rest of it is refunded
                    self._plan(r, "skip", ALREADY_IMPORTED)
                    own = _own_refund(r, total, recorded, refund_rows) if r.refunded_whole else None
                    if own is not None:  # (its refund's row is in the file: it, linked to the sale, is that rest)
                        own.paid_back_sale = recorded[:2]
                    else:
                        planned.extend(self._paid_back(r, total, recorded, sales))
                continue
            if r.status == "not_sale" or not r.moved:
                self._plan(r, "skip", NOT_A_SALE)
                continue
            if total == 0:
                self._plan(r, "skip", ZERO_TOTAL)
                continue
            sale, sale_contact = sales.sale_of(r) if total < 0 else ("", None)
            if sale == "" and r.paid_back_sale is not None:
                sale, sale_contact = r.paid_back_sale
            if sale == "" and paid_back.get((r.customer, r.currency, -total)):
                paid_back[r.customer, r.currency, -total] -= 1
                sale = None
            if sale is None:
                self._plan(r, "skip", REFUND_OF_CANCELLED)
                continue
            if isinstance(sale, _Receipt) and not r.customer:  # (a refund's row may leave its customer to the sale)
                r.customer, r.details, r.kind, r.also = sale.customer, sale.details, sale.kind, sale.also
            elif isinstance(sale, int) and not r.customer:
                r.contact_id = sale_contact
            if abs(total) > largest_amount(r.currency):
                self._reject_receipt(r, TOO_LARGE)
                continue
            if r.customer:
                ids = self.ids(r)
                if len(ids) > 1:
                    self._reject_shared(r, len(ids))
                    continue
                if ids:
                    r.contact_id = ids[0]
                    if self.facts[r.contact_id][2] is not None:
                        self._reject_receipt(r, Phrase(IN_TRASH, customer=_written_name(r.details) or r.customer))
                        continue
                elif self._erased(r):  # a sale without a customer: never one made again of someone erased
                    r.customer, r.also = "", ()
                else:
                    made = self._same_new_customer(r)
                    if made > 1:
                        self._reject_shared(r, made)
                        continue
                    u = self.unmatched.setdefault(r.customer, Unmatched(r.customer, [], 0, _written_name(r.details),
                                                                        _as_written(r)))
                    u.purchases += 1
                    u.rows.extend(r.rows[:20 - len(u.rows)])
                    default = "create" if self.options.create_missing else "skip"
                    if self.options.customer_choices.get(r.customer, default) != "create":
                        self._plan(r, "skip", NO_CUSTOMER + MATCH_WORDS[r.kind])
                        if total > 0:  # (a refund of it that names no customer is its customer's: skipped too)
                            sales.planned(r)
                        continue
                    if r.kind == "name" and "\ufffd" in r.customer:  # (named by nothing else: no garbled customer)
                        column = self.rows.col.get("name", self.rows.col.get("last_name"))
                        self._reject_receipt(r, cleaning.LOST_LETTER, self.layout.headers[column]
                                             if column is not None else None, _written_name(r.details))
                        continue
            if isinstance(sale, _Receipt) and r.customer == sale.customer or (
                    isinstance(sale, int) and (r.contact_id == sale_contact or not r.customer)):
                r.refund_of = sale
            if total > 0 and r.outstanding is not None and r.status in ("paid", "due"):
                # what its file says is still owed (net of what was paid back): the rest is paid
                r.outstanding = max(0, min(r.outstanding, total - refunded))
                r.paid = max(0, total - refunded - r.outstanding)
            elif total > 0 and r.outstanding is not None and r.status == "written_off" and rows.paid_column is not None:
                r.paid = max(0, total - refunded - r.outstanding)  # (what was paid before the rest was given up)
            recorded = _recorded(r, total, self.ids(r), existing)
            if recorded is not None:
                paid = (total if r.status == "paid" else 0) if r.paid is None else r.paid
                if total > 0 and recorded[4] in UNPAID and paid > recorded[5]:  # due then, paid (more) since
                    whole = r.paid is None or r.outstanding == 0
                    self.payments.append((recorded[0], total if whole else paid, "paid" if whole else "partly_paid"))
                    self._plan(r, "pay", PAID_SINCE)
                else:
                    self._plan(r, "skip", ALREADY_IMPORTED if recorded[6] == total else OTHER_TOTAL_NOW)
                if total > 0:  # paid back (more) since it was imported?
                    planned.extend(self._paid_back(r, refunded, recorded, sales))
                continue
            if r.refund_of is not None and not sales.may_pay_back(r, -total):
                self._plan(r, "skip", REFUNDED_BEFORE)
                continue
            if r.refund_of is not None and -total > left.of(r.refund_of, planned):
                r.refund_of = None  # (as a refund by hand may not: of no sale, and said)
                over.append(r)
            self._plan(r, "refund" if total < 0 else "create")
            planned.append(r)
            if r.number_paid_back and r.number_paid_back not in sales.numbered:
                unknown_sales.append(r)  # (its sale neither in the file nor imported before: of no sale, and said)
            if total > 0:
                sales.planned(r)
            if total > 0 and refunded > rest:  # (less its refunds recorded before it: _link_earlier_refunds)
                rest += sum(paid for at, paid in earlier.get((r.reference, r.currency), ()) if at >= r.occurred_at)
            if total > 0 and refunded > rest:
                planned.append(self._refund(r, refunded - rest, r, r.contact_id))
        for u in self.unmatched.values():  # (gathered in time order: listed in the file's)
            u.rows.sort()
        for kind, said in (("refund_over_sale", over), ("refund_of_unknown", unknown_sales)):
            if said:
                rows.warnings.append((kind, len(said)))
                rows.warning_rows[kind] = sorted(n for r in said for n in r.rows)[:reader.ROWS_SAID]
        # A row's reject is listed as it is read, a receipt's once all its rows are: listed in the file's order.
        rows.rejects.sort(key=lambda reject: reject.row)
        return planned

    def ids(self, r: _Receipt) -> list[int]:
        """The contacts a receipt's customer is: found by its key, else by its row's other keys in turn. A key that
        several customers share finds the one of them outside the Trash, or the one the row's other keys, or its
        name, find too."""
        ids = self._lookup(r.kind, r.customer, _as_written(r)) if r.customer else []
        found_by = r.kind
        for kind, written in r.also:
            if ids:
                break
            ids, found_by = self._found(kind, written), kind
        if len(ids) == 1 and found_by in ("id", "phone") and self._someone_else(ids[0], r):
            return []
        if not ids and r.kind == "id" and not r.also and len(self.numbers_of.get(_name_key(r), ())) == 1:
            ids = self._numberless(_written_name(r.details))  # (two numbers of one name: two of the till's)
        if not ids and r.kind == "id":
            ids = self._unpadded(r.customer)
        if len(ids) > 1:  # those in the Trash are not among them (unless all are: the Trash is then said)
            live = [i for i in ids if i not in self.trashed]
            ids = live if live else ids[:1]
        if len(ids) > 1:
            name = _written_name(r.details)
            for kind, written in (*r.also, *((("name", name),) if name and r.kind != "name" else ())):
                both = [i for i in self._found(kind, written) if i in ids]
                if len(both) == 1:
                    return both
        return ids

    def _someone_else(self, contact_id: int, r: _Receipt) -> bool:
        """Whether the customer a receipt's customer number or phone finds is clearly someone else: the row names a
        person of whose names (or company) the customer has none, and no email of the row is theirs (a web shop's
        customer 17850, Zed Zimmer, is not the till's 17850, Chloé Dubois; a phone a family shares may find a
        parent). Such a row's customer is one the book does not have."""
        given = _name_words(_written_name(r.details)) - cleaning.TITLE_ONLY
        if len(given) < 2:  # (a first name alone may be a nickname: "Bob", "Jeannot", "Mme Martin")
            return False
        words = self.names_by_id.get(contact_id)
        if words is None:  # (a customer of a company's name alone: anyone may buy on its account)
            first, last, company = self.conn.execute("SELECT first_name, last_name, company FROM contact WHERE id = ?",
                                                     (contact_id,)).fetchone() or ("", "", "")
            words = _name_words(f"{first or ''} {last or ''}")
            words = self.names_by_id[contact_id] = words | _name_words(company or "") if words else set()
        if not words or not words.isdisjoint(given):
            return False
        email = r.details.get("email") or next((w for k, w in r.also if k == "email"), "")
        return not (email and contact_id in self._found("email", email))

    def _reject_shared(self, r: _Receipt, count: int) -> None:
        """Leaves out a receipt whose customer key `count` customers share (SHARED_KEY, SAME_NAME)."""
        column = self.rows.col.get(KEY_FIELD[r.kind])
        self._reject_receipt(r, Phrase(SHARED_KEY.get(r.kind, SAME_NAME), count=count),
                             self.layout.headers[column] if column is not None else None, _as_written(r))

    def _same_new_customer(self, r: _Receipt) -> int:
        """A customer the book does not have, whom an earlier row named by another key of theirs (an email there,
        only the phone number here): the same one, listed (and made) once, unless the names say two people (on
        one phone number, a family's: two customers made). A row that names the customer alone is the one an
        earlier row of that name made by an email or phone, when only one did; when several did, it is none of
        them, and how many is returned (the row cannot say whose it is)."""
        if r.kind == "name":
            same = self.new_names.get(r.customer, set())
            if len(same) > 1:
                return len(same)
            if same:
                r.customer = next(iter(same))
                return 1
        keys = [(r.kind, r.customer)]
        for kind, written in r.also:
            with suppress(InvalidValue):
                keys.append((kind, customer_key(kind, written, self.region)))
        name = _name_key(r)
        for key in keys:
            listed, named = self.new_keys.get(key, (None, ""))
            if listed is not None and (not name or not named or named == name):
                r.customer = listed
                break
            family = self.new_keys.get((key[0], f"{key[1]}\x00{name}"))  # (a family's other one, seen before)
            if family is not None:
                r.customer = family[0]
                break
            if listed is not None and key == keys[0] and r.kind == "phone":
                r.customer = f"{r.customer}\x00{name}"  # (another of the family: listed by the number and name)
        for key in keys:
            listed = self.new_keys.setdefault(key, (r.customer, name))
            if listed[0] != r.customer and name:
                self.new_keys.setdefault((key[0], f"{key[1]}\x00{name}"), (r.customer, name))
        if r.kind != "name" and (written := _written_name(r.details)):
            with suppress(InvalidValue):
                self.new_names.setdefault(customer_key("name", written, self.region), set()).add(r.customer)
        return 1

    def _erased(self, r: _Receipt) -> bool:
        """Whether a receipt's customer, whom the book does not have, is someone erased at their request (by their
        email or phone number: services.erased)."""
        if self.erased is None:
            self.erased = erased.fingerprints(self.conn)
        if not self.erased:
            return False
        keys = {}
        for kind in ("email", "phone"):
            with suppress(InvalidValue):
                keys[kind] = [customer_key(kind, r.details[kind], self.region)] if r.details.get(kind) else []
        return erased.is_erased(self.erased, keys.get("email", ()), keys.get("phone", ()))

    def _numberless(self, name: str) -> list[int]:
        """The one customer a name finds who has no customer number, for a row whose customer number finds no one:
        the till's own number for a customer typed in by hand, or brought from another program (Square's customer
        id). A customer of another number is another customer of that till, however alike the names."""
        if not name:
            return []
        numbered = self.numbered
        if numbered is None:
            numbered = self.numbered = {cid for ids in self._index("id").values() for cid in ids}
        found = [cid for cid in self._found("name", name) if cid not in numbered]
        return found if len(found) == 1 else []

    def _unpadded(self, number: str) -> list[int]:
        """The customer of a number written with zeros before it, or without them ("0042" and "42": a spreadsheet
        takes them off), when every name the file gives that number finds that customer too (two programs may number
        their customers alike: a web shop's 42 is not a loyalty card's 0042). Decided for the number, not the row: its
        rows without a name go with it, and one of another name leaves them all to a customer of their own."""
        names = {name for name in self.names_of.get(number, ()) if name}
        if not names:
            return []
        if self.loose is None:
            self.loose = {}
            for key, ids in self._index("id").items():
                self.loose.setdefault(cleaning.number_key(key), []).extend(ids)
        found = set(self.loose.get(cleaning.number_key(number), ()))
        for name in names:
            if not found:
                break
            found &= set(self._found("name", name))
        return sorted(found) if len(found) == 1 else []

    def _found(self, kind: str, written: str) -> list[int]:
        """The contacts a key as the file writes it finds (none for one that cannot be read)."""
        with suppress(InvalidValue):
            return self._lookup(kind, customer_key(kind, written, self.region), written)
        return []

    def _lookup(self, kind: str, key: str, written: str) -> list[int]:
        """The contacts a key finds (`written`: as the file writes it); a name with a hyphen written with a space, or
        the other way, finds its customer in the same order ("Anne Marie Dubois" is Anne-Marie Dubois, not
        Marie-Anne)."""
        index = self._index(kind)
        found = index.get(key, [])
        if found or kind != "name":
            return found
        first, last = cleaning.split_full_name(written)
        spelled = _umlauts_spelled_out(first, last)  # ("Anna Müller" finds the customer typed "Anna Mueller")
        if spelled and index.get(spelled):
            return index[spelled]
        ordered = ordered_name(search.sort_key(f"{last} {first}"))
        return index.get(_ORDERED + ordered, []) if ordered else []

    def _index(self, kind: str) -> dict[str, list[int]]:
        """The customers by one kind of key, read when first needed."""
        if kind not in self.indexes:
            self.indexes[kind] = _customer_index(self.conn, kind)
        return self.indexes[kind]

    def _paid_back(self, r: _Receipt, refunded: int, recorded: tuple[int, int | None, int, int, str, int],
                   sales: _SalesByNumber) -> list[_Receipt]:
        """A sale recorded before, of which the file says `refunded` is paid back in all: the refund to record for
        what neither the refunds recorded nor the file's refunds of it cover (planned)."""
        pid, contact_id, before, at_sale = recorded[:4]
        rest = refunded - before - sales.recorded(r, pid, contact_id, refunded, before, at_sale)
        return [self._refund(r, rest, pid, contact_id)] if rest > 0 else []

    def _refund(self, sale: _Receipt, amount: int, of: _Receipt | int, contact_id: int | None) -> _Receipt:
        """A refund of `amount` of `sale` (`of`: it, or the id of the purchase it was recorded as, with its
        customer), at the sale's time (the files do not say when it was paid back), planned."""
        customer = sale.customer if of is sale or contact_id is not None else ""
        refund = dataclasses.replace(sale, rows=list(sale.rows), items=[], amount=-amount, amounts=[-amount],
                                     contact_id=contact_id, customer=customer, refunded=[], refunded_whole=False,
                                     refund_of=of)
        self._plan(refund, "refund")
        return refund

    def _existing(self, conn, receipts: list[_Receipt]) -> dict[tuple, tuple | list]:
        """The purchases already recorded in the receipts' time span, by the key a receipt is found by: (their id,
        customer, what was refunded of them so far, of which at the sale's own time, their status, what was paid of
        them), a list of them for the key of purchases without a number (each found by one receipt of a file). A
        refund linked to a sale at the sale's time (of a column's "Refunded Amount") shares the sale's key and is not
        listed; one at a time of its own is. A number is found as cleaning.number_key writes it (the zeros before
        it, that a spreadsheet takes off, left out)."""
        if not receipts:
            return {}
        key = cleaning.number_key
        slack = timedelta(hours=ZONE_HOURS)
        first = to_utc_text(from_utc_text(receipts[0].occurred_at) - slack)
        last = to_utc_text(from_utc_text(receipts[-1].occurred_at) + slack)
        out: dict[tuple, tuple | list] = {}
        numbered: dict[str, list[tuple[str, int, tuple]]] = {}  # a number -> the times, totals, facts under it
        for pid, reference, contact_id, occurred_at, total, refunded, at_sale, status, paid in conn.execute(
                "SELECT p.id, p.reference, p.contact_id, p.occurred_at, p.total_minor,"
                f" coalesce(({_REFUNDED}), 0), coalesce(({_REFUNDED} AND r.occurred_at = p.occurred_at), 0),"
                " p.status, p.paid_minor FROM purchase p WHERE p.occurred_at >= ? AND p.occurred_at <= ?"
                " ORDER BY p.refund_of_id IS NOT NULL, p.id", (first, last)):
            facts = (pid, contact_id, refunded, at_sale, status, paid, total)
            if reference:
                number = key(reference)
                out.setdefault((number, occurred_at), facts)
                numbered.setdefault(number, []).append((occurred_at, total, facts))
            else:  # (several alike, each found once; by their minute: _recorded)
                out.setdefault((None, contact_id, occurred_at[:_MINUTE], total), []).append((occurred_at, facts))
        out[_BY_NUMBER] = numbered  # (for a time written less exactly: _recorded_as)
        # The file read before on a computer in another time zone: none of its sales at the time recorded, and
        # several of them (each of its number and total, and not another customer's) a whole number of quarters of an
        # hour from it, all by the same hours (not a day: a till's count starting again, a subscription's daily
        # charge, are other sales). Two of them at least of a customer, or of a number that is no till's count: last
        # night's receipts 1 and 2 and this morning's, of the same amounts and no customer, are others.
        if any((key(r.reference), r.occurred_at) in out for r in receipts if r.reference):
            return out
        apart: dict[str, list[tuple[_Receipt, tuple]]] = {}  # how far apart -> the receipts and what they are
        for r in receipts:
            at = from_utc_text(r.occurred_at)
            ids = None
            for occurred_at, total, facts in numbered.get(key(r.reference), ()):
                shift = from_utc_text(occurred_at) - at
                if total == r.total and timedelta(0) < abs(shift) <= slack and not shift % timedelta(minutes=15):
                    ids = (self.ids(r) if r.customer else []) if ids is None else ids
                    if not ids or facts[1] in ids:  # (the same customer, or one the file's row does not find)
                        apart.setdefault(str(shift), []).append((r, facts))
        shifted = max(apart.values(), key=len, default=[])
        telling = sum(1 for r, facts in shifted if facts[1] is not None or not _TILL_COUNT.fullmatch(r.reference))
        if telling >= 2 and len({id(r) for r, _ in shifted}) == len({id(f) for _, f in shifted}) == len(shifted):
            out.update(((key(r.reference), r.occurred_at), facts) for r, facts in shifted)
        return out

    def _reject_receipt(self, r: _Receipt, reason: str, column: str | None = None, value: str | None = None) -> None:
        """Reject a receipt whole, each of its rows (all of them to correct, or to save with the rejected rows and
        import again): for the value of a column, or (none given) its number."""
        self.rows.rejects.extend(Reject(row, reason, column, value if column else r.reference or None)
                                 for row in r.rows)
        self.counts["reject"] += len(r.rows)
        r.action = "reject"
        r.reason = reason
        self._preview(r)

    def _plan(self, r: _Receipt, action: str, reason: str = "") -> None:
        r.action, r.reason = action, reason
        if action == "skip":
            self.counts["skip"] += 1
            self.skips[reason] = self.skips.get(reason, 0) + 1
        elif action == "pay":
            self.counts["paid"] += 1
        elif action == "refund":
            self.counts["refunds"] += 1
            self.counts["purchases"] += 1
        else:
            self.counts["purchases"] += 1
        if action in ("create", "refund") and r.currency != self.shop_currency:
            self.other_currencies[r.currency] = self.other_currencies.get(r.currency, 0) + 1
        if action in ("create", "refund") and r.contact_id is None and not r.customer and self.customers_named:
            self.counts["without_customer"] += 1
        if action in ("create", "refund") and r.contact_id is None and r.customer:
            if r.customer not in self.new_customers:
                self.new_customers[r.customer] = None  # made when writing
                self.counts["customers_created"] += 1
        self._preview(r)

    def _preview(self, r: _Receipt) -> None:
        if len(self.preview) < PREVIEW:
            self.previewed.append(r)
            self.preview.append(PlannedPurchase(list(r.rows), r.reference, r.occurred_at, r.total, r.currency,
                                                r.contact_id, r.customer, _as_written(r), r.action, r.reason))


def plan_purchases_import(path: Path | str, options: PurchaseImportOptions | None = None, *, progress=None,
                          cancelled: Callable[[], bool] | None = None, first_rows: int | None = None) -> PurchasePlan:
    """What importing the purchases file would do; writes nothing. Raises ImportCancelled when `cancelled()`
    turned true. `first_rows`: a quick look at the first rows only (`whole` is then False)."""
    with ci.no_gc():  # (what the dry run made is let go of before the collector runs again)
        return _plan_purchases(Path(path), options or PurchaseImportOptions(), progress, cancelled, first_rows)


def _plan_purchases(path: Path, options: PurchaseImportOptions, progress, cancelled,
                    first_rows: int | None) -> PurchasePlan:
    run = _Run(path, options, progress=progress, cancelled=cancelled)
    layout = run.layout
    if layout.ambiguous_columns:
        # The first rows to show while the owner is asked how the dates are written: read as the shop's
        # region writes them.
        order = cleaning.default_date_order(run.region)
        run.layout = dataclasses.replace(layout, ambiguous_columns=[], date_orders={
            **layout.date_orders, **{i: order for i in layout.ambiguous_columns}})
        first_rows = FIRST_LOOK_ROWS
    receipts = run.decide(database.connection(), first_rows)
    whole = not run.rows.cut_short and not layout.ambiguous_columns
    rejects = run.rows.rejects
    provisional: dict[str, int] = {}  # customers the import would create, by a stand-in id
    for r in receipts:
        if r.contact_id is None and r.customer:
            r.contact_id = provisional.setdefault(r.customer, -1 - len(provisional))
    conn = database.connection()
    rows, run.counts["points"] = _points(conn, receipts, run.facts, list(range(len(receipts))))
    run.counts["points"] += _planned_take_back(conn, receipts, rows)
    _preview_points(run, receipts, rows)
    ci.let_go(rows, receipts, run.rows.receipts, run.rows.last, run.facts)
    return PurchasePlan(layout.dialect, layout.preset, layout.headers, layout.fields, dict(layout.date_orders),
                        list(layout.ambiguous_columns), dict(run.counts), list(run.unmatched.values()), run.preview,
                        rejects, whole, run.rows.written, dict(run.skips), run.rows.warnings, run.with_tax,
                        run.rows.warning_rows, run.currencies_apart())


def _preview_points(run: _Run, receipts: list[_Receipt], rows: list[tuple]) -> None:
    """Each preview row's points: its ledger rows for its own customer (a referrer's bonus is the referrer's)."""
    points: dict[int, int] = {}
    for contact_id, _, _, amount, _, index, _, _ in rows:
        if contact_id == receipts[index].contact_id:
            points[index] = points.get(index, 0) + amount
    position = {id(r): i for i, r in enumerate(receipts)}
    for planned, receipt in zip(run.preview, run.previewed):
        planned.points = points.get(position.get(id(receipt), -1), 0)


def import_purchases(path: Path | str, options: PurchaseImportOptions | None = None, *, progress=None,
                     cancelled: Callable[[], bool] | None = None,
                     rejects_out: Path | str | None = None) -> PurchaseImportResult:
    """Import the purchases file in one transaction (see the module's docstring)."""
    with ci.no_gc():  # (what the import made is let go of before the collector runs again)
        return _import_purchases(Path(path), options or PurchaseImportOptions(), progress, cancelled, rejects_out)


def _import_purchases(path: Path, options: PurchaseImportOptions, progress, cancelled,
                      rejects_out: Path | str | None) -> PurchaseImportResult:
    if rejects_out is not None:
        rejects_out = ci.check_rejects_path(rejects_out, path)
    stamp = ci.file_stamp(path)
    run = _Run(path, options, progress=progress, cancelled=cancelled)
    conn = database.connection()
    moment = to_utc_text(utc_now())
    layout = run.layout
    details = {"preset": layout.preset, "encoding": layout.dialect.encoding, "delimiter": layout.dialect.delimiter,
               "match": options.match, "fields": layout.fields}
    with database.atomic("IMMEDIATE"):
        receipts = run.decide(conn)
        batch_id = ci._insert_batch(conn, "purchases", path, moment, details)
        existing = conn.execute("SELECT count(*) FROM contact").fetchone()[0]
        writer = ci.Writer(conn, batch_id, moment, existing)
        _create_customers(conn, run, receipts, writer, moment)
        writer.finish()
        due, points, details["numbers"] = _write_purchases(conn, run, receipts, batch_id, moment)
        details["created_tags"] = writer.created_tags
        details["customers_created"] = run.counts["customers_created"]
        details["due"] = due
        details["cancelled"] = run.left_out
        details["paid"] = _mark_paid(conn, run.payments)
        details["linked"], taken_back = _link_earlier_refunds(conn, batch_id)
        points += taken_back
        run.counts["points"] = points
        counts = {"create": run.counts["purchases"], "update": run.counts["paid"], "skip": run.counts["skip"],
                  "reject": run.counts["reject"]}
        ci._finish_batch(conn, batch_id, counts, details)
        batch_id = ci._none_if_nothing_written(conn, batch_id, counts, details["paid"], details["linked"],
                                               details["customers_created"])
        if rejects_out is not None:
            ci.write_rejects(run.rows.rejects, rejects_out, path, layout.dialect)
        ci.check_unchanged(path, stamp)
        if cancelled is not None and cancelled():
            raise ci.ImportCancelled()
    ci.let_go(receipts, run.rows.receipts, run.rows.last, run.facts)
    return PurchaseImportResult(batch_id, run.counts["purchases"], run.counts["refunds"],
                                run.counts["customers_created"], run.counts["skip"], run.counts["reject"], points,
                                layout.dialect.encoding, layout.dialect.delimiter, run.rows.rejects,
                                list(run.unmatched.values()), run.counts["paid"], run.counts["without_customer"],
                                layout.preset, dict(run.skips), run.rows.warnings, run.with_tax,
                                run.rows.warning_rows, run.currencies_apart())


def _mark_paid(conn, payments: list[tuple[int, int, str]]) -> list[list]:
    """Mark paid, in full or in part as the file says, the purchases recorded before as due; what each was, [id,
    status, paid], for undo."""
    before = []
    for start in range(0, len(payments), 500):
        chunk = payments[start:start + 500]
        marks = ",".join("?" * len(chunk))
        before += [list(row) for row in conn.execute(
            f"SELECT id, status, paid_minor FROM purchase WHERE id IN ({marks}) ORDER BY id", [p[0] for p in chunk])]
        conn.executemany("UPDATE purchase SET status = ?, paid_minor = ? WHERE id = ?",
                         [(status, paid, pid) for pid, paid, status in chunk])
    return before


def _earlier_refunds(conn, numbers: set[str]) -> dict[tuple[str, str], list[tuple[str, int]]]:
    """The refunds recorded without their sale under each of these sale numbers, by number and currency: when, and
    how much each paid back (a till's count, _TILL_COUNT, is no sale's number among those recorded before)."""
    numbers = sorted(n for n in numbers if not _TILL_COUNT.fullmatch(n))
    out: dict[tuple[str, str], list[tuple[str, int]]] = {}
    for start in range(0, len(numbers), 500):
        chunk = numbers[start:start + 500]
        for reference, currency, occurred_at, total in conn.execute(
                "SELECT reference, currency, occurred_at, total_minor FROM purchase WHERE total_minor < 0"
                f" AND refund_of_id IS NULL AND reference IN ({','.join('?' * len(chunk))})", chunk):
            out.setdefault((reference, currency), []).append((occurred_at, -total))
    return out


def _orphan_refunds(conn, numbers: Iterable[str], batch_id: int = 0) -> dict[tuple[str, str], list[tuple]]:
    """The refunds recorded without their sale (by an import other than `batch_id`, or by hand) under each of these
    sale numbers, by number and currency, in the order they were made: (id, customer, when, total, number,
    currency). A till's count (_TILL_COUNT), which starts again each day, is no sale's own number."""
    orphans: dict[tuple[str, str], list[tuple]] = {}
    numbers = sorted({n for n in numbers if n and not _TILL_COUNT.fullmatch(n)})
    if numbers:
        for row in conn.execute(
                "SELECT id, contact_id, occurred_at, total_minor, reference, currency FROM purchase"
                " WHERE total_minor < 0 AND refund_of_id IS NULL AND import_batch_id IS NOT ?"
                " AND reference IN (SELECT value FROM json_each(?)) ORDER BY occurred_at, id",
                (batch_id, json.dumps(numbers))):
            orphans.setdefault((row[4], row[5]), []).append(row)
    return orphans


def _refund_links(conn, orphans: dict[tuple[str, str], list[tuple]], sales: dict[tuple[str, str], list[tuple]],
                  earned_of: Callable[[tuple], int], balances: dict[int, int]) -> list[tuple[tuple, tuple, int]]:
    """Which of the `orphans` (_orphan_refunds) are refunds of the import's sales: a number's refunds are those of
    its one sale made before them, when that sale is the import's and they paid back no more than it came to.
    `sales`, by number and currency: (id, customer, when, total, the import's). Each link is (refund, sale, the
    points it takes back beyond what it took then): its share of what the sale earns (`earned_of`), never more than
    the customer's balance (`balances`, with the import's points, lowered as links take back)."""
    links = []
    for key, refunds in orphans.items():
        before = [sale for sale in sales.get(key, []) if sale[2] <= refunds[0][2]]
        if len(before) != 1 or not before[0][4]:
            continue  # (the number of no sale of this import's, or of several: a till's numbers start again)
        sale = before[0]
        customer, sale_total = sale[1], sale[3]
        refunds = [r for r in refunds if r[1] in (None, customer)]
        if not refunds or -sum(r[3] for r in refunds) > sale_total:
            continue  # (more paid back than it came to: not its refunds)
        earned, paid_back = earned_of(sale), 0
        for refund in refunds:
            share = loyalty.points_share(earned, sale_total, paid_back, paid_back - refund[3])
            paid_back -= refund[3]
            took = -conn.execute("SELECT coalesce(sum(points), 0) FROM points_entry WHERE purchase_id = ?"
                                 " AND kind = 'adjust'", (refund[0],)).fetchone()[0]
            more = max(0, min(share - took, balances.get(customer, 0))) if customer is not None else 0
            if more:
                balances[customer] -= more
            links.append((refund, sale, more))
    return links


def _recorded_sales(conn, orphans: dict[tuple[str, str], list[tuple]], sales: dict[tuple[str, str], list[tuple]],
                    batch_id: int = 0) -> dict[tuple[str, str], list[tuple]]:
    """`sales` (by number and currency, as _refund_links takes them), with the sales recorded under the orphans'
    numbers added: (id, customer, when, total, whether import `batch_id` recorded it)."""
    for row in conn.execute(
            "SELECT id, contact_id, occurred_at, total_minor, import_batch_id IS ?, reference, currency FROM purchase"
            " WHERE total_minor > 0 AND refund_of_id IS NULL AND reference IN (SELECT value FROM json_each(?))",
            (batch_id, json.dumps(sorted({reference for reference, _ in orphans})))):
        sales.setdefault((row[5], row[6]), []).append(row[:5])
    return sales


def _balances(conn, customers: Iterable[int]) -> dict[int, int]:
    """Each customer's points as the ledger has them now."""
    ids = sorted({c for c in customers if c is not None and c > 0})
    return dict(conn.execute("SELECT contact_id, sum(points) FROM points_entry WHERE contact_id IN"
                             " (SELECT value FROM json_each(?)) GROUP BY contact_id", (json.dumps(ids),)))


def _link_earlier_refunds(conn, batch_id: int) -> tuple[list[list], int]:
    """Link to the batch's sales the refunds under their numbers an earlier import recorded without them (a
    month's file with the refund imported before the one with its sale): _refund_links. A refund without a customer
    gets the sale's, and takes back its share of the sale's points beyond what it took then. What each refund was,
    [id, customer], for undo; and the points taken back (below zero)."""
    orphans = _orphan_refunds(conn, [row[0] for row in conn.execute(
        "SELECT DISTINCT reference FROM purchase WHERE import_batch_id = ? AND total_minor > 0", (batch_id,))],
        batch_id)
    if not orphans:
        return [], 0
    sales = _recorded_sales(conn, orphans, {}, batch_id)

    def earned_of(sale: tuple) -> int:
        return conn.execute("SELECT coalesce(sum(points), 0) FROM points_entry WHERE purchase_id = ?"
                            " AND kind = 'earn'", (sale[0],)).fetchone()[0]

    links = _refund_links(conn, orphans, sales, earned_of,
                          _balances(conn, (sale[1] for found in sales.values() for sale in found)))
    linked, taken_back, now = [], 0, to_utc_text(utc_now())
    for (refund_id, had, at, _, reference, _), (sale_id, customer, *_), more in links:
        linked.append([refund_id, had])
        conn.execute("UPDATE purchase SET refund_of_id = ?, contact_id = ? WHERE id = ?",
                     (sale_id, customer, refund_id))
        if more:  # (written beside the sale: undoing this import removes it with the sale's points)
            conn.execute("INSERT INTO points_entry (contact_id, occurred_at, kind, points, reason, purchase_id,"
                         " created_at) VALUES (?, ?, 'adjust', ?, ?, ?, ?)",
                         (customer, at, -more, loyalty.IMPORTED_REFUND_REASON.format(reference=reference), sale_id,
                          now))
            taken_back -= more
    return linked, taken_back


def _planned_take_back(conn, receipts: list[_Receipt], rows: list[tuple]) -> int:
    """A plan's _link_earlier_refunds: the ledger rows (`rows`, of _points with the receipts' positions for ids)
    get what the refunds recorded before the file's sales take back of them; that sum (below zero)."""
    sales: dict[tuple[str, str], list[tuple]] = {}
    for i, r in enumerate(receipts):
        if r.total > 0 and r.reference:
            sales.setdefault((r.reference, r.currency), []).append((i, r.contact_id, r.occurred_at, r.total, True))
    orphans = _orphan_refunds(conn, {reference for reference, _ in sales})
    if not orphans:
        return 0
    sales = _recorded_sales(conn, orphans, sales)
    earned: dict[int, int] = {}
    balances = _balances(conn, (r.contact_id for r in receipts))
    for contact_id, _, kind, points, _, index, _, _ in rows:
        balances[contact_id] = balances.get(contact_id, 0) + points
        if kind == "earn":
            earned[index] = earned.get(index, 0) + points
    taken_back = 0
    for refund, (index, customer, *_), more in _refund_links(conn, orphans, sales, lambda sale: earned.get(sale[0], 0),
                                                              balances):
        if more:
            rows.append((customer, refund[2], "adjust", -more, "", index, None, ""))
            taken_back -= more
    return taken_back


def _create_customers(conn, run: _Run, receipts: list[_Receipt], writer: ci.Writer, moment: str) -> None:
    next_id = (conn.execute("SELECT max(id) FROM contact").fetchone()[0] or 0) + 1
    states: dict[str, ci.State] = {}
    headers = {name: header for name, header in zip(run.layout.fields, run.layout.headers) if name}
    word = cleaning.CUSTOMER_WORDS.get(shop_locale().partition("_")[0], "Customer")
    # what each new customer's rows say of them, the first row's first (a later one may give their email, or
    # their name with no letter lost)
    details: dict[str, dict] = {}
    for r in receipts:
        if r.contact_id is None and r.customer:
            known = details.setdefault(r.customer, dict(r.details))
            known.update((k, v) for k, v in r.details.items() if v and (not known.get(k) or "\ufffd" in known[k]))
    for r in receipts:
        if r.contact_id is not None or not r.customer:
            continue
        state = states.get(r.customer)
        if state is None:
            whole = dataclasses.replace(r, details=details[r.customer])
            clean = ci.clean_for_import(_new_customer(whole, run.region, headers, word), run.region)
            # their number in the till or shop, however they were found: a later file may name them by it
            extras = {ci.EXTERNAL_ID: _file_number(whole.details.get("customer_id", ""))}
            state = states[r.customer] = ci.new_state(next_id, clean, extras, moment)
            run.facts[next_id] = (None, None, None)
            next_id += 1
        r.contact_id = state.id
    writer.create(list(states.values()))


def _points(conn, receipts: list[_Receipt], facts: dict, purchase_ids: list[int] | None) -> tuple[list[tuple], int]:
    """The ledger rows the receipts write and their sum; `purchase_ids` as given (a plan gives the positions)."""
    rules, shop = loyalty.get_rules(), loyalty.shop_currency()
    today = when.today()
    contact_ids = sorted({r.contact_id for r in receipts if r.contact_id is not None})
    balances: dict[int, int] = {}
    # the points each customer's purchases earned, recorded before and by this import, less what refunds took back:
    # the most a refund the file does not link to its sale takes back (a credit note in next month's file)
    earned: dict[int, int] = {}
    # ... and how many points each customer's sales earned for what they spent (in the shop's currency): what a
    # refund the file does not link takes back for each unit (their birthday's and their minimum spend's too)
    rate: dict[int, list[int]] = {}  # contact -> [points earned, minor units spent]
    bought_before: set[int] = set()
    for start in range(0, len(contact_ids), 500):
        chunk = contact_ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        balances.update(conn.execute(f"SELECT contact_id, sum(points) FROM points_entry WHERE contact_id IN ({marks})"
                                     " GROUP BY contact_id", chunk).fetchall())
        # (earned, and of it what sales in the shop's currency earned, and what they came to)
        for cid, net, points, spent in conn.execute(
                f"SELECT e.contact_id, sum(e.points),"
                f" sum(CASE WHEN e.kind = 'earn' AND p.currency = ? THEN e.points END),"
                f" sum(CASE WHEN e.kind = 'earn' AND p.currency = ? THEN p.total_minor END)"
                f" FROM points_entry e JOIN purchase p ON p.id = e.purchase_id WHERE e.contact_id IN ({marks})"
                f" AND e.kind IN ('earn', 'adjust') GROUP BY e.contact_id", (shop, shop, *chunk)):
            earned[cid] = net
            if spent:
                rate[cid] = [points, spent]
        bought_before.update(row[0] for row in conn.execute(
            f"SELECT DISTINCT contact_id FROM purchase WHERE refund_of_id IS NULL AND total_minor > 0"
            f" AND contact_id IN ({marks})", chunk))
    referrers = {f[1] for cid, f in facts.items() if cid in contact_ids and f[1] is not None}
    referrer_facts = _contact_facts(conn, sorted(referrers)) if referrers else {}
    earned_by: dict[int, int] = {}  # id() of a receipt -> the points it earned
    paid_back: dict[int, int] = {}  # id() of a receipt -> what its refunds so far paid back of it
    # a purchase recorded before -> what this import's refunds so far paid back of it and took back
    back_of: dict[int, list[int]] = {}
    # a customer -> what this import's refunds linked to no sale paid back so far (each takes back its slice of
    # what the customer's rate gives them all: five refunds of 1.99 of a 9.95 sale take back its 9 points, not 5)
    unlinked: dict[int, int] = {}
    rows: list[tuple] = []
    total = 0
    now = to_utc_text(utc_now())
    for i, r in enumerate(receipts):
        cid = r.contact_id
        if cid is None:
            continue
        purchase_id = purchase_ids[i] if purchase_ids is not None else None
        moment = from_utc_text(r.occurred_at)
        expires = loyalty.add_months(loyalty.local_date(moment), rules.expiry_months) if rules.expiry_months else None
        live = expires is None or expires >= today
        amount = r.total
        label = (loyalty.PURCHASE_REASON.format(reference=r.reference) if r.reference
                 else loyalty.IMPORTED_PURCHASE_REASON)
        # (a sale written off earns on what was paid of it, as one written off by hand keeps)
        earning = amount if r.status != "written_off" else min(amount, r.paid or 0)
        if earning > 0:
            points = rules.points_for_amount(earning, r.currency, shop)
            birthday = facts.get(cid, (None,))[0]
            if points and birthday and int(birthday[-5:-3]) == loyalty.local_date(moment).month:
                points *= rules.birthday_multiplier
            if points and live:
                rows.append((cid, r.occurred_at, "earn", points, label, purchase_id,
                             expires.isoformat() if expires else None, now))
                balances[cid] = balances.get(cid, 0) + points
                earned[cid] = earned.get(cid, 0) + points
                earned_by[id(r)] = points
                total += points
                so_far = rate.setdefault(cid, [0, 0])
                so_far[0] += points
                so_far[1] += earning
            referrer = facts.get(cid, (None, None))[1]
            if cid not in bought_before:
                bought_before.add(cid)
                rf = referrer_facts.get(referrer)
                if rules.referral_points and rf is not None and rf[2] is None and live:
                    rows.append((referrer, r.occurred_at, "bonus", rules.referral_points,
                                 loyalty.REFERRAL_REASON.format(contact=cid), purchase_id,
                                 expires.isoformat() if expires else None, now))
                    balances[referrer] = balances.get(referrer, 0) + rules.referral_points
                    total += rules.referral_points
        elif amount < 0:
            if isinstance(r.refund_of, _Receipt):  # its share of what its sale earned (services.loyalty's way)
                sale = r.refund_of
                before = paid_back.get(id(sale), 0)
                paid_back[id(sale)] = after = min(before - amount, sale.total)
                share = loyalty.points_share(earned_by.get(id(sale), 0), sale.total, before, after)
                points = min(share, balances.get(cid, 0))
            elif r.refund_of is not None:  # of a purchase recorded before
                since = back_of.setdefault(r.refund_of, [0, 0])
                points = min(loyalty.refund_share(r.refund_of, -amount, moment, refunded_since=since[0],
                                                  taken_since=since[1]), balances.get(cid, 0))
                since[0] -= amount
                since[1] += max(points, 0)
            else:  # at the rate the customer's sales earned (a credit note below the minimum spend takes back too)
                points_earned, spent = rate.get(cid, (0, 0))
                share = 0
                # (not when the sale it pays back, before it, would have its points past their date by now)
                if spent and r.currency == shop and live:
                    before = unlinked.get(cid, 0)
                    unlinked[cid] = before - amount
                    share = loyalty.points_share(points_earned, spent, before, before - amount)
                points = min(share, earned.get(cid, 0), balances.get(cid, 0))
            if points > 0:
                rows.append((cid, r.occurred_at, "adjust", -points,
                             loyalty.IMPORTED_REFUND_REASON.format(reference=r.reference) if r.reference
                             else loyalty.IMPORTED_REFUND_NO_REFERENCE_REASON, purchase_id, None, now))
                balances[cid] -= points
                earned[cid] = earned.get(cid, 0) - points
                total -= points
    return rows, total


def _write_purchases(conn, run: _Run, receipts: list[_Receipt], batch_id: int,
                     moment: str) -> tuple[list[int], int, dict[str, int]]:
    """Write the receipts, their lines and their points: the purchases recorded as due (for undo), the points, and
    the id of each sale under its number in smallcrm's export (for refunds of it in a later part of the export)."""
    next_id = (conn.execute("SELECT max(id) FROM purchase").fetchone()[0] or 0) + 1
    ids = list(range(next_id, next_id + len(receipts)))
    purchases, items, due, numbers = [], [], [], {}
    id_of = {id(r): pid for pid, r in zip(ids, receipts)}
    rest_lines = REST_LINES.get(shop_locale().partition("_")[0], REST_LINES["en"])
    for pid, r in zip(ids, receipts):
        total = r.total
        status = r.status if total > 0 else "paid"
        due_on = None
        paid = total
        if r.paid is not None and status != "written_off":
            # what its file says is still owed: none, some (Shopify's "partially_paid"), all
            status, paid = (("paid", total) if r.outstanding == 0 else ("due", 0) if r.paid == 0 else
                            ("partly_paid", r.paid))
        if status in UNPAID:
            day = loyalty.local_date(from_utc_text(r.occurred_at))
            due_on = r.due_on or (day + timedelta(days=DUE_DAYS)).isoformat()
            paid = 0 if status == "due" else paid
            due.append([pid, paid])
        elif status == "written_off":  # (and when it was due, when its file says)
            paid, due_on = r.paid or 0, r.due_on
        refund_of = id_of[id(r.refund_of)] if isinstance(r.refund_of, _Receipt) else r.refund_of
        if r.number and total > 0:
            numbers[r.number] = pid
        purchases.append((pid, r.contact_id, r.occurred_at, r.currency, total, r.payment_method, r.reference, status,
                          due_on, paid, refund_of, batch_id, moment))
        lines = sum(q * p for _, q, p in r.items)
        # (not when a row of it has an amount and no words: that amount is no "other charges")
        if r.items and (lines == total or total > 0 and (len(r.items) == len(r.rows) or not r.priced_lines)):
            items.extend((pid, d, q, p, q * p) for d, q, p in r.items)
            if lines != total:  # an order's total beside its lines (Shopify's): what the lines leave out, a line
                rest = total - lines
                items.append((pid, rest_lines[0] if rest > 0 else rest_lines[1], 1, rest, rest))
    # The points first: a customer's "first purchase" (for the referral bonus) is first before this import.
    points, total = _points(conn, receipts, run.facts, ids)
    ci.insert_in_parts(
        conn, "INSERT INTO purchase (id, contact_id, occurred_at, currency, total_minor, payment_method, reference,"
              " status, due_on, paid_minor, refund_of_id, import_batch_id, created_at)"
              " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        purchases)
    ci.insert_in_parts(conn, "INSERT INTO purchase_item (purchase_id, description, quantity, unit_price_minor,"
                             " total_minor) VALUES (?, ?, ?, ?, ?)", items)
    ci.insert_in_parts(conn, "INSERT INTO points_entry (contact_id, occurred_at, kind, points, reason, purchase_id,"
                             " expires_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", points)
    ci.let_go(purchases, items, points, ids)  # (freed all at once on return, they would freeze the window)
    return due, total, numbers


# --------------------------------------------------------------------------------------------------
# Undo (called by contacts_import.undo_import inside its transaction)


def remove_batch_purchases(conn, batch_id: int) -> tuple[int, int, int]:
    """Delete the batch's purchases, lines and points rows, and put back as due those it marked paid; (purchases,
    points rows) removed, and purchases due again.

    Raises UndoRefused when that would lose later work: a refund, feedback or complaint recorded for
    one of them, a payment or write-off of one that was due, or points from them already spent.
    """
    batch = "SELECT id FROM purchase WHERE import_batch_id = ?"
    details = json.loads(conn.execute("SELECT details FROM import_batch WHERE id = ?", (batch_id,)).fetchone()[0])
    # refunds recorded before it, which it linked to its sales: without them again (and their customer as it was)
    conn.executemany("UPDATE purchase SET refund_of_id = NULL, contact_id = ? WHERE id = ?",
                     [(customer, refund_id) for refund_id, customer in details.get("linked", [])])
    refunded = conn.execute(f"SELECT refund_of_id, import_batch_id FROM purchase WHERE refund_of_id IN ({batch})"
                            " AND import_batch_id IS NOT ? ORDER BY refund_of_id LIMIT 1",
                            (batch_id, batch_id)).fetchone()
    if refunded is not None:
        found, later = refunded
        raise UndoRefused("undo", f"purchase {found}, recorded by import {batch_id}, was refunded since"
                          + (f" by import {later}: undo that one first" if later is not None else ""),
                          "purchase_refunded", purchase_id=found, later_batch=later)
    later = conn.execute(  # a refund of no sale, a later import's, for one of its customers: of what it recorded?
        "SELECT max(r.import_batch_id) FROM purchase r JOIN import_batch b ON b.id = r.import_batch_id"
        " AND b.undone_at IS NULL WHERE r.import_batch_id > ? AND r.total_minor < 0 AND r.refund_of_id IS NULL"
        " AND r.contact_id IN (SELECT contact_id FROM purchase WHERE import_batch_id = ? AND total_minor > 0)",
        (batch_id, batch_id)).fetchone()[0]
    if later is not None:
        raise UndoRefused("undo", f"import {later}, made later, recorded refunds for customers of import {batch_id} "
                                  f"(their points were taken back from what it gave); undo import {later} first",
                          "later_import", later_batch=later)
    linked = conn.execute(  # one of its refunds, linked since to the sale a later import recorded
        "SELECT r.id, s.import_batch_id FROM purchase r JOIN purchase s ON s.id = r.refund_of_id"
        " WHERE r.import_batch_id = ? AND s.import_batch_id > ? ORDER BY r.id LIMIT 1", (batch_id, batch_id)).fetchone()
    if linked is not None:
        found, later = linked
        raise UndoRefused("undo", f"refund {found}, recorded by import {batch_id}, was linked since to its sale by "
                          f"import {later}: undo that one first", "refund_linked", purchase_id=found,
                          later_batch=later)
    for what, table in (("feedback", "feedback"), ("a complaint", "complaint")):
        found = conn.execute(f"SELECT min(purchase_id) FROM {table} WHERE purchase_id IN ({batch})",
                             (batch_id,)).fetchone()[0]
        if found is not None:
            raise UndoRefused("undo", f"purchase {found}, recorded by import {batch_id}, has {what} about it",
                              "purchase_has", purchase_id=found, has=what)
    # what it recorded as owed, [id, paid] (an id alone: due, nothing paid), still so: nothing paid since
    due = [entry if isinstance(entry, list) else [entry, 0] for entry in details.get("due", [])]
    for start in range(0, len(due), 500):
        chunk = due[start:start + 500]
        found = conn.execute(
            "SELECT min(p.id) FROM purchase p JOIN json_each(?) AS d ON p.id = json_extract(d.value, '$[0]')"
            " WHERE p.status NOT IN ('due', 'partly_paid') OR p.paid_minor != json_extract(d.value, '$[1]')",
            (json.dumps(chunk),)).fetchone()[0]
        if found is not None:
            later = conn.execute(  # (a later import that marked it paid, to undo first)
                "SELECT max(b.id) FROM import_batch b, json_each(b.details, '$.paid') p WHERE b.id > ?"
                " AND b.undone_at IS NULL AND json_extract(p.value, '$[0]') = ?", (batch_id, found)).fetchone()[0]
            raise UndoRefused("undo", f"purchase {found}, recorded by import {batch_id} as due, was paid or "
                                      "written off since" + (f" (import {later} marked it paid: undo that one first)"
                                                             if later is not None else ""),
                              "due_settled", purchase_id=found, later_batch=later)
    given = conn.execute(  # points it gave that may have expired since (an expiry's row after their date)
        f"SELECT e.id, e.contact_id FROM points_entry e WHERE e.purchase_id IN ({batch}) AND e.points > 0"
        " AND e.expires_on IS NOT NULL AND EXISTS (SELECT 1 FROM points_entry x WHERE x.contact_id = e.contact_id"
        " AND x.kind = 'expire' AND x.occurred_at >= e.expires_on)", (batch_id,)).fetchall()
    if given:  # did: the expiry's row took them, and would take other points once they are gone
        expired = loyalty.expired_by_entry(sorted({contact for _, contact in given}))
        lost = next((contact for entry, contact in given if expired.get(entry)), None)
        if lost is not None:
            raise UndoRefused("undo", f"points import {batch_id} gave contact {lost} have expired since; undoing it "
                                      "would take other points of theirs", "points_expired", contact_id=lost)
    # a referral bonus the first purchase of a customer gave, who has bought since: it stays, the bonus of the first
    # purchase they keep, as if this import had never been (at that purchase's time, expiring with its points; the
    # ledger is written once, so a row of its own)
    conn.execute(
        "INSERT INTO points_entry (contact_id, occurred_at, kind, points, reason, purchase_id, expires_on, created_at)"
        " SELECT e.contact_id, q.occurred_at, 'bonus', e.points, e.reason, q.id, coalesce((SELECT x.expires_on"
        " FROM points_entry x WHERE x.purchase_id = q.id AND x.kind = 'earn'), e.expires_on), ?"
        " FROM points_entry e JOIN purchase p ON p.id = e.purchase_id"
        " JOIN purchase q ON q.id = (SELECT k.id FROM purchase k WHERE k.contact_id = p.contact_id"
        " AND k.refund_of_id IS NULL AND k.total_minor > 0 AND k.import_batch_id IS NOT ?"
        " ORDER BY k.occurred_at, k.id LIMIT 1)"
        " WHERE e.kind = 'bonus' AND p.import_batch_id = ?", (to_utc_text(utc_now()), batch_id, batch_id))
    affected = [r[0] for r in conn.execute(
        f"SELECT DISTINCT contact_id FROM points_entry WHERE purchase_id IN ({batch})", (batch_id,))]
    points = conn.execute(f"DELETE FROM points_entry WHERE purchase_id IN ({batch})", (batch_id,)).rowcount
    for start in range(0, len(affected), 500):
        chunk = affected[start:start + 500]
        found = conn.execute(
            f"SELECT contact_id FROM points_entry WHERE contact_id IN ({','.join('?' * len(chunk))})"
            " GROUP BY contact_id HAVING sum(points) < 0 LIMIT 1", chunk).fetchone()
        if found is not None:
            raise UndoRefused("undo", f"contact {found[0]} has spent (or let expire) points that import {batch_id} "
                                      "gave; undoing it would leave a balance below zero", "points_spent",
                              contact_id=found[0])
    # recorded before as due, marked paid by it: as they were (a paid purchase is changed by nothing but a refund)
    conn.executemany("UPDATE purchase SET status = ?, paid_minor = ? WHERE id = ?",
                     [(status, paid, pid) for pid, status, paid in details.get("paid", [])])
    # its refunds of its own purchases first (a purchase with a refund cannot go)
    purchases = conn.execute("DELETE FROM purchase WHERE import_batch_id = ? AND refund_of_id IS NOT NULL",
                             (batch_id,)).rowcount
    purchases += conn.execute("DELETE FROM purchase WHERE import_batch_id = ?", (batch_id,)).rowcount
    return purchases, points, len(details.get("paid", []))
