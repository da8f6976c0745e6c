#!/usr/bin/env python3
# Vendored copy of shared/bench/dataset.py, used only to generate the demo data (manage.py demo_load),
# so that the demo works without the shared folder. Keep it byte-for-byte in step with the original
# below this comment; it is excluded from ruff and mypy.
"""Deterministic generator of a synthetic after-sales client care dataset.

Writes JSON Lines files (sites, advisors, clients, products, cases, messages)
plus a set of 1,000 raw RFC 5322 inbound e-mails (a directory of .eml files, the
same messages as one mbox, and a manifest) into an output directory.

    python3 dataset.py --clients 1000 --out data/c1000 [--seed 42] [--emails 1000]

Standard library only. Output is byte-identical for the same
(--clients, --seed, --emails) on the same Python minor version; each client is
generated from its own RNG stream, and memory stays flat (clients are streamed
straight to disk), so 100,000 clients work on a small machine. See DATASET.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import email.utils
import hashlib
import json
import math
import os
import random
import sys
import time
import unicodedata
from email.header import Header
from email.message import EmailMessage
from email import policy as email_policy

GENERATOR_VERSION = "1.0"
# Fixed "now" of the dataset: nothing depends on the wall clock.
NOW = dt.datetime(2026, 6, 30, 12, 0, 0, tzinfo=dt.timezone.utc)
CASES_FROM = dt.datetime(2022, 1, 1, tzinfo=dt.timezone.utc)
BRAND = "Aurelis"
BRAND_DOMAIN = "aurelis.example"  # reserved TLD: nothing can ever be delivered

# --------------------------------------------------------------------------
# Reference data
# --------------------------------------------------------------------------
COUNTRIES = ["IT", "FR", "DE", "CH", "GB", "NL", "US"]
COUNTRY_WEIGHTS = [30, 18, 15, 8, 12, 5, 12]
CURRENCY = {"IT": "EUR", "FR": "EUR", "DE": "EUR", "CH": "CHF", "GB": "GBP", "NL": "EUR", "US": "USD"}
TIMEZONE = {"IT": "Europe/Rome", "FR": "Europe/Paris", "DE": "Europe/Berlin", "CH": "Europe/Zurich",
            "GB": "Europe/London", "NL": "Europe/Amsterdam", "US": "America/New_York"}
# language by country: (language, weight)
LANGS = {"IT": [("it", 100)], "FR": [("fr", 100)], "DE": [("de", 100)],
         "CH": [("de", 60), ("fr", 25), ("it", 15)], "GB": [("en", 100)],
         "NL": [("nl", 85), ("en", 15)], "US": [("en", 100)]}
CITIES = {
    "IT": ["Milano", "Roma", "Torino", "Firenze", "Napoli", "Bologna", "Verona", "Padova"],
    "FR": ["Paris", "Lyon", "Marseille", "Nice", "Bordeaux", "Lille", "Toulouse"],
    "DE": ["München", "Berlin", "Hamburg", "Frankfurt", "Stuttgart", "Düsseldorf", "Köln"],
    "CH": ["Zürich", "Genève", "Lugano", "Basel", "Lausanne", "Bern"],
    "GB": ["London", "Manchester", "Edinburgh", "Birmingham", "Leeds", "Bristol"],
    "NL": ["Amsterdam", "Rotterdam", "Den Haag", "Utrecht", "Eindhoven"],
    "US": ["New York", "Los Angeles", "Miami", "Chicago", "Dallas", "San Francisco"],
}
FIRST = {
    "IT": ["Marco", "Giulia", "Luca", "Francesca", "Alessandro", "Chiara", "Matteo", "Sara", "Lorenzo",
           "Valentina", "Andrea", "Elena", "Giovanni", "Federica", "Davide", "Martina", "Stefano", "Silvia"],
    "FR": ["Jean", "Camille", "Louis", "Chloé", "Antoine", "Léa", "Hugo", "Manon", "Nicolas", "Inès",
           "Pierre", "Juliette", "Thomas", "Élodie", "François", "Margaux", "Julien", "Céline"],
    "DE": ["Lukas", "Anna", "Maximilian", "Lea", "Felix", "Sophie", "Jonas", "Marie", "Paul", "Hannah",
           "Stefan", "Katrin", "Jürgen", "Sabine", "Tobias", "Julia", "Matthias", "Jörg"],
    "CH": ["Luca", "Noemi", "Reto", "Céline", "Urs", "Laura", "Beat", "Chiara", "Nicolas", "Martina",
           "Thomas", "Anne-Laure", "Dario", "Corinne"],
    "GB": ["Oliver", "Amelia", "George", "Isla", "Harry", "Emily", "James", "Charlotte", "William",
           "Sophie", "Thomas", "Olivia", "Jack", "Grace", "Edward", "Lucy"],
    "NL": ["Daan", "Emma", "Sem", "Julia", "Lucas", "Tess", "Bram", "Sanne", "Thijs", "Fleur", "Joost",
           "Anouk", "Pieter", "Lotte"],
    "US": ["Michael", "Jennifer", "David", "Jessica", "Robert", "Ashley", "Daniel", "Emily", "Chris",
           "Sarah", "Matthew", "Megan", "Andrew", "Lauren", "Ryan", "Nicole"],
}
LAST = {
    "IT": ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino",
           "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo"],
    "FR": ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
           "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "Fournier", "Girard", "Roux"],
    "DE": ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
           "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann"],
    "CH": ["Müller", "Meier", "Schmid", "Keller", "Weber", "Huber", "Gerber", "Brunner", "Favre",
           "Rochat", "Bernasconi", "Fontana", "Steiner", "Moser"],
    "GB": ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Evans",
           "Thomas", "Roberts", "Walker", "Wright", "Robinson", "Thompson", "Hughes"],
    "NL": ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
           "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos"],
    "US": ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
           "Martinez", "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Lee"],
}
MAIL_DOMAINS = {
    "IT": ["libero.it.example", "gmail.example", "tiscali.it.example", "alice.it.example"],
    "FR": ["orange.fr.example", "gmail.example", "free.fr.example", "laposte.fr.example"],
    "DE": ["web.de.example", "gmx.de.example", "gmail.example", "t-online.de.example"],
    "CH": ["bluewin.ch.example", "gmail.example", "sunrise.ch.example"],
    "GB": ["btinternet.co.uk.example", "gmail.example", "outlook.example", "sky.co.uk.example"],
    "NL": ["ziggo.nl.example", "gmail.example", "kpn.nl.example"],
    "US": ["gmail.example", "yahoo.example", "outlook.example", "icloud.example"],
}
TIERS = ["standard", "premium", "vip"]
TIER_WEIGHTS = [75, 20, 5]
PRODUCT_KINDS = ["car", "watch", "jewel", "device"]
PRODUCT_WEIGHTS = [40, 25, 15, 20]
MODELS = {
    "car": ["Veloce GT", "Stradale 4", "Corsa S", "Grand Tourer", "Spider R", "Berlinetta E", "Sportiva Hybrid"],
    "watch": ["Chronographe 42", "Tourbillon Classique", "Plongée 300", "Dame Perle 33", "Calendrier Perpétuel", "GMT Voyager"],
    "jewel": ["Collier Étoile", "Bague Solitaire 1.2ct", "Bracelet Rivière", "Boucles Lune", "Alliance Pavée"],
    "device": ["Phone X Pro", "Tablet 12", "Laptop Air 14", "Headset Studio", "Camera M2"],
}
PRICE = {"car": (65000, 260000), "watch": (4500, 85000), "jewel": (1800, 60000), "device": (800, 4200)}
WARRANTY_YEARS = {"car": 3, "watch": 5, "jewel": 2, "device": 2}
CATEGORIES = ["breakdown", "warranty_claim", "delivery", "billing", "complaint", "service_booking", "information"]
CATEGORY_WEIGHTS = {  # per product kind
    "car": [30, 20, 12, 10, 12, 12, 4],
    "watch": [15, 30, 8, 10, 12, 18, 7],
    "jewel": [5, 25, 20, 15, 15, 10, 10],
    "device": [30, 30, 10, 10, 10, 3, 7],
    None: [0, 0, 15, 35, 30, 0, 20],
}
CASE_DAYS = {"breakdown": (1, 30), "warranty_claim": (5, 90), "delivery": (2, 45), "billing": (1, 40),
             "complaint": (2, 60), "service_booking": (1, 20), "information": (0, 7)}
CHANNELS = ["email", "phone", "web"]
CHANNEL_WEIGHTS = [55, 30, 15]
PLATE_ALPHA = "ABCDEFGHJKLMNPRSTVWXYZ"
VIN_ALPHA = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
DE_CITY = ["M", "B", "HH", "F", "S", "D", "K"]
CH_CANTON = ["ZH", "GE", "TI", "BS", "VD", "BE", "ZG"]

# --------------------------------------------------------------------------
# Template banks (written for this generator). Placeholders:
# {product} {plate} {vin} {serial} {ref} {date} {time} {city} {n} {amount}
# {invoice} {order} {km} {first} {last} {name} {advisor} {hours} {days}
# --------------------------------------------------------------------------
T = {}
T["it"] = dict(
    subj={
        "breakdown": ["Guasto {product}", "{product} in panne", "Problema urgente con la mia {product}"],
        "warranty_claim": ["Richiesta di garanzia - {product}", "Garanzia {product}", "Difetto su {product}"],
        "delivery": ["Consegna {product}", "Quando arriva la mia {product}?", "Ritardo consegna ordine {order}"],
        "billing": ["Fattura {invoice}", "Addebito errato", "Domanda sulla fattura {invoice}"],
        "complaint": ["Reclamo", "Servizio inaccettabile", "Reclamo pratica {ref}"],
        "service_booking": ["Prenotazione tagliando {product}", "Appuntamento assistenza", "Revisione {product}"],
        "information": ["Informazioni", "Domanda su {product}", "Richiesta informazioni"],
    },
    greet_in=["Buongiorno,", "Gentile servizio clienti,", "Salve,", "Buonasera,", "Gentili signori,"],
    problem={
        "breakdown": ["La mia {product} si è fermata in autostrada vicino a {city}.",
                      "Da ieri la {product} non si accende più.",
                      "Si è accesa una spia rossa sul cruscotto e il motore perde potenza.",
                      "La {product} si è bloccata e non funziona più da {days} giorni."],
        "warranty_claim": ["Il mio {product} presenta un difetto ed è ancora in garanzia.",
                           "Vorrei aprire una richiesta di garanzia per il {product} acquistato il {bought}.",
                           "Dopo solo {n} mesi il {product} ha smesso di funzionare correttamente."],
        "delivery": ["Aspetto ancora la consegna della {product} ordinata il {date}.",
                     "Mi avevate promesso la consegna entro il {date} ma nessuno mi ha chiamato.",
                     "Vorrei sapere se la mia {product} è arrivata in concessionaria."],
        "billing": ["Ho ricevuto la fattura {invoice} ma l'importo di {amount} non è corretto.",
                    "Mi è stato addebitato due volte l'importo di {amount}.",
                    "Non ho ancora ricevuto il rimborso promesso di {amount}."],
        "complaint": ["Ho chiamato {n} volte e ogni volta ho dovuto ripetere tutta la storia.",
                      "Nessuno mi ha richiamato come promesso, sono molto deluso.",
                      "Il servizio ricevuto a {city} non è all'altezza del marchio."],
        "service_booking": ["Vorrei prenotare il tagliando della {product} per la prossima settimana.",
                            "Devo fissare un appuntamento per la revisione a {city}.",
                            "La {product} ha raggiunto {km} km, quando posso portarla in officina?"],
        "information": ["Vorrei sapere se la garanzia copre anche l'assistenza stradale.",
                        "Potete indicarmi il centro assistenza più vicino a {city}?",
                        "Vorrei informazioni sull'estensione di garanzia per il {product}."],
    },
    followup_in=["Ci sono novità sulla mia pratica {ref}?", "Vi ho inviato i documenti richiesti.",
                 "Il problema non è ancora risolto.", "Grazie, va bene per me.",
                 "Sto ancora aspettando una risposta.", "Potete confermarmi l'appuntamento?"],
    detail=[("plate", "La targa è {plate}."), ("vin", "Il numero di telaio è {vin}."),
            ("serial", "Il numero di serie è {serial}."), ("ref", "Il mio numero di pratica è {ref}."),
            (None, "L'ho acquistata il {bought} a {city}."), (None, "Vi ho già chiamato {n} volte."),
            (None, "Sono disponibile dopo le {time}."), ("order", "Il numero d'ordine è {order}."),
            (None, "Ho bisogno di una soluzione entro {days} giorni.")],
    request=["Potete richiamarmi al più presto?", "Attendo un vostro riscontro.",
             "Vi prego di farmi sapere come procedere.", "Mi serve un'auto sostitutiva."],
    close_in=["Grazie,\n{first}", "Cordiali saluti,\n{first} {last}", "Saluti,\n{first}", "{first} {last}"],
    greet_out=["Gentile {first} {last},", "Buongiorno {first},", "Gentile cliente,"],
    ack=["Grazie per averci contattato.", "Ci scusiamo per l'inconveniente.", "Abbiamo ricevuto la sua richiesta {ref}."],
    action=["Abbiamo organizzato il traino verso l'officina di {city}.",
            "Un tecnico la contatterà entro {hours} ore.",
            "Le confermo l'appuntamento per il {date} alle {time}.",
            "Il rimborso di {amount} sarà accreditato entro {days} giorni.",
            "Può inviarci una copia della fattura {invoice}?",
            "La sua {product} è pronta per il ritiro.",
            "Abbiamo inoltrato la pratica al reparto garanzie."],
    close_out=["Cordiali saluti,\n{advisor}", "Resto a disposizione.\n{advisor}", "Un saluto,\n{advisor} - " + BRAND],
    re="R: ",
)
T["fr"] = dict(
    subj={
        "breakdown": ["Panne {product}", "Ma {product} est en panne", "Problème urgent avec ma {product}"],
        "warranty_claim": ["Demande de garantie - {product}", "Garantie {product}", "Défaut sur {product}"],
        "delivery": ["Livraison {product}", "Quand arrive ma {product} ?", "Retard de livraison commande {order}"],
        "billing": ["Facture {invoice}", "Prélèvement erroné", "Question sur la facture {invoice}"],
        "complaint": ["Réclamation", "Service inacceptable", "Réclamation dossier {ref}"],
        "service_booking": ["Rendez-vous entretien {product}", "Prise de rendez-vous atelier", "Révision {product}"],
        "information": ["Renseignements", "Question sur {product}", "Demande d'information"],
    },
    greet_in=["Bonjour,", "Madame, Monsieur,", "Bonsoir,", "Cher service client,"],
    problem={
        "breakdown": ["Ma {product} est tombée en panne sur l'autoroute près de {city}.",
                      "Depuis hier, la {product} ne démarre plus.",
                      "Un voyant rouge s'est allumé et le moteur perd de la puissance.",
                      "La {product} est bloquée et ne fonctionne plus depuis {days} jours."],
        "warranty_claim": ["Ma {product} présente un défaut et elle est encore sous garantie.",
                           "Je souhaite ouvrir une demande de garantie pour la {product} achetée le {bought}.",
                           "Après seulement {n} mois, la {product} ne fonctionne plus correctement."],
        "delivery": ["J'attends toujours la livraison de la {product} commandée le {date}.",
                     "Vous m'aviez promis une livraison avant le {date} mais personne ne m'a appelé.",
                     "Je voudrais savoir si ma {product} est arrivée chez le concessionnaire."],
        "billing": ["J'ai reçu la facture {invoice} mais le montant de {amount} est incorrect.",
                    "Le montant de {amount} m'a été prélevé deux fois.",
                    "Je n'ai toujours pas reçu le remboursement promis de {amount}."],
        "complaint": ["J'ai appelé {n} fois et à chaque fois j'ai dû tout réexpliquer.",
                      "Personne ne m'a rappelé comme promis, je suis très déçu.",
                      "Le service reçu à {city} n'est pas à la hauteur de la marque."],
        "service_booking": ["Je voudrais prendre rendez-vous pour l'entretien de ma {product}.",
                            "Je dois fixer un rendez-vous pour la révision à {city}.",
                            "Ma {product} a atteint {km} km, quand puis-je l'amener à l'atelier ?"],
        "information": ["La garantie couvre-t-elle aussi l'assistance routière ?",
                        "Pouvez-vous m'indiquer le centre de service le plus proche de {city} ?",
                        "Je souhaite des informations sur l'extension de garantie pour ma {product}."],
    },
    followup_in=["Avez-vous du nouveau sur mon dossier {ref} ?", "Je vous ai envoyé les documents demandés.",
                 "Le problème n'est toujours pas résolu.", "Merci, cela me convient.",
                 "J'attends toujours une réponse.", "Pouvez-vous me confirmer le rendez-vous ?"],
    detail=[("plate", "L'immatriculation est {plate}."), ("vin", "Le numéro de châssis est {vin}."),
            ("serial", "Le numéro de série est {serial}."), ("ref", "Mon numéro de dossier est {ref}."),
            (None, "Je l'ai achetée le {bought} à {city}."), (None, "Je vous ai déjà appelés {n} fois."),
            (None, "Je suis disponible après {time}."), ("order", "Le numéro de commande est {order}."),
            (None, "J'ai besoin d'une solution sous {days} jours.")],
    request=["Pouvez-vous me rappeler rapidement ?", "Dans l'attente de votre retour.",
             "Merci de m'indiquer la marche à suivre.", "J'ai besoin d'un véhicule de remplacement."],
    close_in=["Merci,\n{first}", "Cordialement,\n{first} {last}", "Bien à vous,\n{first}", "{first} {last}"],
    greet_out=["Cher {first} {last},", "Bonjour {first},", "Madame, Monsieur,"],
    ack=["Merci de nous avoir contactés.", "Nous sommes désolés pour ce désagrément.", "Nous avons bien reçu votre demande {ref}."],
    action=["Nous avons organisé le remorquage vers l'atelier de {city}.",
            "Un technicien vous contactera dans les {hours} heures.",
            "Je vous confirme le rendez-vous du {date} à {time}.",
            "Le remboursement de {amount} sera crédité sous {days} jours.",
            "Pouvez-vous nous envoyer une copie de la facture {invoice} ?",
            "Votre {product} est prête à être récupérée.",
            "Nous avons transmis le dossier au service garantie."],
    close_out=["Cordialement,\n{advisor}", "Je reste à votre disposition.\n{advisor}", "Bien à vous,\n{advisor} - " + BRAND],
    re="RE: ",
)
T["de"] = dict(
    subj={
        "breakdown": ["Panne {product}", "Mein {product} ist liegen geblieben", "Dringendes Problem mit meinem {product}"],
        "warranty_claim": ["Garantieanfrage - {product}", "Garantiefall {product}", "Defekt an {product}"],
        "delivery": ["Lieferung {product}", "Wann kommt mein {product}?", "Lieferverzug Bestellung {order}"],
        "billing": ["Rechnung {invoice}", "Falsche Abbuchung", "Frage zur Rechnung {invoice}"],
        "complaint": ["Beschwerde", "Inakzeptabler Service", "Beschwerde Vorgang {ref}"],
        "service_booking": ["Inspektionstermin {product}", "Werkstatttermin", "Wartung {product}"],
        "information": ["Anfrage", "Frage zu {product}", "Bitte um Information"],
    },
    greet_in=["Guten Tag,", "Sehr geehrte Damen und Herren,", "Hallo,", "Grüezi,"],
    problem={
        "breakdown": ["Mein {product} ist auf der Autobahn bei {city} liegen geblieben.",
                      "Seit gestern springt der {product} nicht mehr an.",
                      "Eine rote Warnleuchte ist an und der Motor verliert Leistung.",
                      "Der {product} funktioniert seit {days} Tagen nicht mehr."],
        "warranty_claim": ["Mein {product} hat einen Defekt und ist noch in der Garantie.",
                           "Ich möchte einen Garantiefall für den am {bought} gekauften {product} melden.",
                           "Nach nur {n} Monaten funktioniert der {product} nicht mehr richtig."],
        "delivery": ["Ich warte immer noch auf die Lieferung des am {date} bestellten {product}.",
                     "Sie hatten die Lieferung bis zum {date} zugesagt, aber niemand hat sich gemeldet.",
                     "Ist mein {product} schon beim Händler angekommen?"],
        "billing": ["Ich habe die Rechnung {invoice} erhalten, aber der Betrag von {amount} stimmt nicht.",
                    "Der Betrag von {amount} wurde zweimal abgebucht.",
                    "Die versprochene Rückerstattung von {amount} ist noch nicht eingegangen."],
        "complaint": ["Ich habe {n} Mal angerufen und musste jedes Mal alles neu erklären.",
                      "Niemand hat mich wie versprochen zurückgerufen, ich bin sehr enttäuscht.",
                      "Der Service in {city} entspricht nicht dem Niveau der Marke."],
        "service_booking": ["Ich möchte einen Termin für die Inspektion meines {product} vereinbaren.",
                            "Ich brauche einen Werkstatttermin in {city}.",
                            "Mein {product} hat {km} km erreicht, wann kann ich vorbeikommen?"],
        "information": ["Deckt die Garantie auch die Pannenhilfe ab?",
                        "Wo ist das nächste Servicezentrum in der Nähe von {city}?",
                        "Ich hätte gerne Informationen zur Garantieverlängerung für meinen {product}."],
    },
    followup_in=["Gibt es Neuigkeiten zu meinem Vorgang {ref}?", "Ich habe Ihnen die gewünschten Unterlagen geschickt.",
                 "Das Problem besteht weiterhin.", "Danke, das passt für mich.",
                 "Ich warte immer noch auf eine Antwort.", "Können Sie mir den Termin bestätigen?"],
    detail=[("plate", "Das Kennzeichen ist {plate}."), ("vin", "Die Fahrgestellnummer ist {vin}."),
            ("serial", "Die Seriennummer ist {serial}."), ("ref", "Meine Vorgangsnummer ist {ref}."),
            (None, "Ich habe ihn am {bought} in {city} gekauft."), (None, "Ich habe schon {n} Mal angerufen."),
            (None, "Ich bin ab {time} Uhr erreichbar."), ("order", "Die Bestellnummer ist {order}."),
            (None, "Ich brauche innerhalb von {days} Tagen eine Lösung.")],
    request=["Können Sie mich bitte schnell zurückrufen?", "Ich freue mich auf Ihre Rückmeldung.",
             "Bitte teilen Sie mir das weitere Vorgehen mit.", "Ich benötige einen Ersatzwagen."],
    close_in=["Danke,\n{first}", "Mit freundlichen Grüßen\n{first} {last}", "Viele Grüße\n{first}", "{first} {last}"],
    greet_out=["Sehr geehrte/r {first} {last},", "Guten Tag {first} {last},", "Sehr geehrte Kundin, sehr geehrter Kunde,"],
    ack=["Vielen Dank für Ihre Nachricht.", "Wir entschuldigen uns für die Unannehmlichkeiten.", "Wir haben Ihre Anfrage {ref} erhalten."],
    action=["Wir haben das Abschleppen in die Werkstatt in {city} organisiert.",
            "Ein Techniker meldet sich innerhalb von {hours} Stunden bei Ihnen.",
            "Ich bestätige Ihren Termin am {date} um {time} Uhr.",
            "Die Rückerstattung von {amount} erfolgt innerhalb von {days} Tagen.",
            "Können Sie uns eine Kopie der Rechnung {invoice} senden?",
            "Ihr {product} ist zur Abholung bereit.",
            "Wir haben den Vorgang an die Garantieabteilung weitergeleitet."],
    close_out=["Mit freundlichen Grüßen\n{advisor}", "Für Rückfragen stehe ich gerne zur Verfügung.\n{advisor}", "Beste Grüße\n{advisor} - " + BRAND],
    re="AW: ",
)
T["en"] = dict(
    subj={
        "breakdown": ["{product} breakdown", "My {product} has broken down", "Urgent problem with my {product}"],
        "warranty_claim": ["Warranty claim - {product}", "Warranty {product}", "Fault on {product}"],
        "delivery": ["Delivery of {product}", "When will my {product} arrive?", "Delayed delivery order {order}"],
        "billing": ["Invoice {invoice}", "Wrong charge", "Question about invoice {invoice}"],
        "complaint": ["Complaint", "Unacceptable service", "Complaint about case {ref}"],
        "service_booking": ["Service appointment {product}", "Booking a workshop slot", "{product} maintenance"],
        "information": ["Enquiry", "Question about {product}", "Request for information"],
    },
    greet_in=["Hello,", "Dear customer care,", "Hi,", "Good afternoon,", "To whom it may concern,"],
    problem={
        "breakdown": ["My {product} broke down on the motorway near {city}.",
                      "Since yesterday the {product} will not start.",
                      "A red warning light came on and the engine is losing power.",
                      "The {product} has stopped working for {days} days now."],
        "warranty_claim": ["My {product} has a defect and is still under warranty.",
                           "I would like to open a warranty claim for the {product} bought on {bought}.",
                           "After only {n} months the {product} no longer works properly."],
        "delivery": ["I am still waiting for the {product} I ordered on {date}.",
                     "You promised delivery by {date} but nobody has called me.",
                     "Could you tell me whether my {product} has arrived at the dealer?"],
        "billing": ["I received invoice {invoice} but the amount of {amount} is wrong.",
                    "I was charged {amount} twice.",
                    "I still have not received the promised refund of {amount}."],
        "complaint": ["I have called {n} times and had to repeat the whole story every time.",
                      "Nobody called me back as promised and I am very disappointed.",
                      "The service I received in {city} is not what I expect from the brand."],
        "service_booking": ["I would like to book a service for my {product} next week.",
                            "I need an appointment for the inspection in {city}.",
                            "My {product} has reached {km} km, when can I bring it in?"],
        "information": ["Does the warranty also cover roadside assistance?",
                        "Where is the nearest service centre to {city}?",
                        "I would like information about extending the warranty on my {product}."],
    },
    followup_in=["Is there any news on my case {ref}?", "I have sent you the documents you asked for.",
                 "The problem is still not solved.", "Thank you, that works for me.",
                 "I am still waiting for an answer.", "Can you confirm the appointment?"],
    detail=[("plate", "The registration is {plate}."), ("vin", "The VIN is {vin}."),
            ("serial", "The serial number is {serial}."), ("ref", "My file number is {ref}."),
            (None, "I bought it on {bought} in {city}."), (None, "I have already called {n} times."),
            (None, "I am available after {time}."), ("order", "The order number is {order}."),
            (None, "I need a solution within {days} days.")],
    request=["Could you call me back as soon as possible?", "I look forward to hearing from you.",
             "Please let me know how to proceed.", "I need a courtesy car."],
    close_in=["Thanks,\n{first}", "Kind regards,\n{first} {last}", "Best,\n{first}", "{first} {last}"],
    greet_out=["Dear {first} {last},", "Hello {first},", "Dear customer,"],
    ack=["Thank you for contacting us.", "We are sorry for the inconvenience.", "We have received your request {ref}."],
    action=["We have arranged for the car to be towed to our workshop in {city}.",
            "A technician will contact you within {hours} hours.",
            "I confirm your appointment on {date} at {time}.",
            "The refund of {amount} will be credited within {days} days.",
            "Could you send us a copy of invoice {invoice}?",
            "Your {product} is ready for collection.",
            "We have passed your file to the warranty department."],
    close_out=["Kind regards,\n{advisor}", "Please let me know if I can help further.\n{advisor}", "Best regards,\n{advisor} - " + BRAND],
    re="Re: ",
)
T["nl"] = dict(
    subj={
        "breakdown": ["Pech met {product}", "Mijn {product} is kapot", "Dringend probleem met mijn {product}"],
        "warranty_claim": ["Garantieclaim - {product}", "Garantie {product}", "Defect aan {product}"],
        "delivery": ["Levering {product}", "Wanneer komt mijn {product}?", "Vertraagde levering bestelling {order}"],
        "billing": ["Factuur {invoice}", "Onjuiste afschrijving", "Vraag over factuur {invoice}"],
        "complaint": ["Klacht", "Onacceptabele service", "Klacht dossier {ref}"],
        "service_booking": ["Onderhoudsafspraak {product}", "Afspraak werkplaats", "Onderhoud {product}"],
        "information": ["Informatie", "Vraag over {product}", "Verzoek om informatie"],
    },
    greet_in=["Goedemorgen,", "Geachte klantenservice,", "Hallo,", "Goedemiddag,"],
    problem={
        "breakdown": ["Mijn {product} heeft pech gekregen op de snelweg bij {city}.",
                      "Sinds gisteren start de {product} niet meer.",
                      "Er brandt een rood waarschuwingslampje en de motor verliest vermogen.",
                      "De {product} werkt al {days} dagen niet meer."],
        "warranty_claim": ["Mijn {product} heeft een defect en valt nog onder de garantie.",
                           "Ik wil een garantieclaim indienen voor de {product} gekocht op {bought}.",
                           "Na slechts {n} maanden werkt de {product} niet meer goed."],
        "delivery": ["Ik wacht nog steeds op de {product} die ik op {date} heb besteld.",
                     "U had levering voor {date} beloofd, maar niemand heeft gebeld.",
                     "Is mijn {product} al bij de dealer aangekomen?"],
        "billing": ["Ik heb factuur {invoice} ontvangen maar het bedrag van {amount} klopt niet.",
                    "Het bedrag van {amount} is twee keer afgeschreven.",
                    "Ik heb de beloofde terugbetaling van {amount} nog niet ontvangen."],
        "complaint": ["Ik heb {n} keer gebeld en moest steeds alles opnieuw uitleggen.",
                      "Niemand heeft mij teruggebeld zoals beloofd, ik ben erg teleurgesteld.",
                      "De service in {city} past niet bij het merk."],
        "service_booking": ["Ik wil graag een onderhoudsbeurt voor mijn {product} inplannen.",
                            "Ik heb een afspraak nodig voor de keuring in {city}.",
                            "Mijn {product} heeft {km} km gereden, wanneer kan ik langskomen?"],
        "information": ["Dekt de garantie ook pechhulp?",
                        "Waar is het dichtstbijzijnde servicecentrum bij {city}?",
                        "Ik wil graag informatie over garantieverlenging voor mijn {product}."],
    },
    followup_in=["Is er nieuws over mijn dossier {ref}?", "Ik heb de gevraagde documenten gestuurd.",
                 "Het probleem is nog steeds niet opgelost.", "Bedankt, dat is goed.",
                 "Ik wacht nog steeds op antwoord.", "Kunt u de afspraak bevestigen?"],
    detail=[("plate", "Het kenteken is {plate}."), ("vin", "Het chassisnummer is {vin}."),
            ("serial", "Het serienummer is {serial}."), ("ref", "Mijn dossiernummer is {ref}."),
            (None, "Ik heb het op {bought} in {city} gekocht."), (None, "Ik heb al {n} keer gebeld."),
            (None, "Ik ben bereikbaar na {time}."), ("order", "Het bestelnummer is {order}."),
            (None, "Ik heb binnen {days} dagen een oplossing nodig.")],
    request=["Kunt u mij zo snel mogelijk terugbellen?", "Ik hoor graag van u.",
             "Laat u mij weten hoe ik verder moet?", "Ik heb vervangend vervoer nodig."],
    close_in=["Bedankt,\n{first}", "Met vriendelijke groet,\n{first} {last}", "Groeten,\n{first}", "{first} {last}"],
    greet_out=["Beste {first} {last},", "Goedemorgen {first},", "Geachte klant,"],
    ack=["Bedankt voor uw bericht.", "Onze excuses voor het ongemak.", "Wij hebben uw verzoek {ref} ontvangen."],
    action=["Wij hebben de auto laten wegslepen naar onze werkplaats in {city}.",
            "Een technicus neemt binnen {hours} uur contact met u op.",
            "Ik bevestig uw afspraak op {date} om {time}.",
            "De terugbetaling van {amount} volgt binnen {days} dagen.",
            "Kunt u ons een kopie van factuur {invoice} sturen?",
            "Uw {product} staat klaar om opgehaald te worden.",
            "Wij hebben uw dossier doorgestuurd naar de garantieafdeling."],
    close_out=["Met vriendelijke groet,\n{advisor}", "Ik help u graag verder.\n{advisor}", "Groeten,\n{advisor} - " + BRAND],
    re="Re: ",
)
HTML_WRAP = ('<html><head><meta charset="{charset}"></head><body style="font-family:Arial">'
             '{paras}<p style="color:#888">--<br>Sent from my phone</p></body></html>')
AUTOREPLY = {"it": "Sono fuori ufficio fino al {date}. Risponderò al mio rientro.",
             "fr": "Je suis absent jusqu'au {date}. Je vous répondrai à mon retour.",
             "de": "Ich bin bis zum {date} nicht im Büro. Ich antworte nach meiner Rückkehr.",
             "en": "I am out of the office until {date}. I will reply when I am back.",
             "nl": "Ik ben afwezig tot {date}. Ik reageer na mijn terugkomst."}
LEGACY_CHARSET = {"it": "iso-8859-1", "fr": "windows-1252", "de": "iso-8859-15", "en": "windows-1252", "nl": "iso-8859-1"}


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------
def ascii_fold(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


def iso(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def fmt_date(lang: str, d) -> str:
    if lang == "de":
        return d.strftime("%d.%m.%Y")
    if lang == "nl":
        return d.strftime("%d-%m-%Y")
    if lang == "en":
        return d.strftime("%d %b %Y")
    return d.strftime("%d/%m/%Y")


def fmt_amount(lang: str, cur: str, v: float) -> str:
    s = f"{v:,.2f}"
    if lang in ("it", "de", "nl"):
        s = s.replace(",", "X").replace(".", ",").replace("X", ".")
        return f"{s} {cur}" if lang != "nl" else f"{cur} {s}"
    if lang == "fr":
        s = s.replace(",", "\u202f").replace(".", ",")
        return f"{s} {cur}"
    return {"EUR": "€", "GBP": "£", "USD": "$"}.get(cur, cur + " ") + s


def phone(rng: random.Random, country: str) -> str:
    d = lambda k: "".join(str(rng.randrange(10)) for _ in range(k))  # noqa: E731
    if country == "IT":
        return "+393" + str(rng.choice([2, 3, 4, 5, 6, 7, 8, 9])) + d(8)
    if country == "FR":
        return "+33" + rng.choice("67") + d(8)
    if country == "DE":
        return "+491" + rng.choice(["51", "52", "57", "60", "62", "70", "71", "76"]) + d(7 + rng.randrange(2))
    if country == "CH":
        return "+417" + rng.choice("5689") + d(7)
    if country == "GB":
        return "+447" + rng.choice("1234579") + d(8)
    if country == "NL":
        return "+316" + d(8)
    # US: NPA-NXX-XXXX
    return "+1" + str(rng.randrange(2, 10)) + d(2) + str(rng.randrange(2, 10)) + d(2) + d(4)


def plate(rng: random.Random, country: str) -> str:
    L = lambda k: "".join(rng.choice(PLATE_ALPHA) for _ in range(k))  # noqa: E731
    D = lambda k: "".join(str(rng.randrange(10)) for _ in range(k))  # noqa: E731
    if country == "IT":
        return L(2) + D(3) + L(2)
    if country == "FR":
        return f"{L(2)}-{D(3)}-{L(2)}"
    if country == "DE":
        return f"{rng.choice(DE_CITY)}-{L(rng.randrange(1, 3))} {rng.randrange(1, 9999)}"
    if country == "CH":
        return f"{rng.choice(CH_CANTON)} {rng.randrange(1000, 999999)}"
    if country == "GB":
        return f"{L(2)}{D(2)} {L(3)}"
    if country == "NL":
        return f"{L(1)}-{D(3)}-{L(2)}"
    return D(1) + L(3) + D(3)


def vin(rng: random.Random) -> str:
    return "ZA9" + "".join(rng.choice(VIN_ALPHA) for _ in range(14))


def serial(rng: random.Random, kind: str) -> str:
    if kind == "watch":
        return f"W{rng.randrange(10**7, 10**8)}"
    if kind == "jewel":
        return f"J-{rng.randrange(10**5, 10**6)}-{rng.choice(PLATE_ALPHA)}"
    return "SN" + "".join(rng.choice(VIN_ALPHA) for _ in range(10))


def rand_dt(rng: random.Random, a: dt.datetime, b: dt.datetime) -> dt.datetime:
    span = max(1, int((b - a).total_seconds()))
    return a + dt.timedelta(seconds=rng.randrange(span))


def office_hours(rng: random.Random, t: dt.datetime) -> dt.datetime:
    """Nudge a timestamp into 07:00-20:59 UTC, most of the time."""
    if rng.random() < 0.9 and not (7 <= t.hour <= 20):
        t = t.replace(hour=rng.randrange(7, 21))
    return t


def wchoice(rng: random.Random, items, weights):
    return rng.choices(items, weights=weights, k=1)[0]


class SafeDict(dict):
    def __missing__(self, k):  # unknown placeholder stays visible rather than crashing
        return "{" + k + "}"


# --------------------------------------------------------------------------
# Generator
# --------------------------------------------------------------------------
class Generator:
    def __init__(self, n_clients: int, seed: int, out: str, n_emails: int):
        self.n = n_clients
        self.seed = seed
        self.out = out
        self.n_emails = n_emails
        self.n_advisors = max(3, round(n_clients / 200))
        self.n_sites = max(min(self.n_advisors, len(COUNTRIES)), math.ceil(self.n_advisors / 4))
        self.counts = dict(sites=0, advisors=0, clients=0, products=0, cases=0, messages=0)

    def rng_for(self, kind: str, i: int) -> random.Random:
        # Independent, reproducible stream per entity (no dependence on hash()).
        h = hashlib.blake2b(f"{self.seed}:{kind}:{i}".encode(), digest_size=8).digest()
        return random.Random(int.from_bytes(h, "big"))

    # ---- staff and sites
    def make_sites_and_advisors(self):
        rng = self.rng_for("sites", 0)
        self.sites = []
        per_country_idx = {c: 0 for c in COUNTRIES}
        # every country gets at least one site when there are enough sites
        order = sorted(COUNTRIES, key=lambda c: -COUNTRY_WEIGHTS[COUNTRIES.index(c)])[: self.n_sites]
        while len(order) < self.n_sites:
            order.append(wchoice(rng, COUNTRIES, COUNTRY_WEIGHTS))
        for sid, c in enumerate(order[: self.n_sites], 1):
            city = CITIES[c][per_country_idx[c] % len(CITIES[c])]
            k = per_country_idx[c] // len(CITIES[c])
            per_country_idx[c] += 1
            kind = ["dealer", "boutique", "service_centre"][sid % 3]
            code = f"{c}-{ascii_fold(city)[:3].upper()}{'' if k == 0 else k + 1}-{sid:03d}"
            label = {"dealer": "Automobili", "boutique": "Boutique", "service_centre": "Service Centre"}[kind]
            self.sites.append(dict(id=sid, code=code, name=f"{BRAND} {label} {city}" + (f" {k + 1}" if k else ""),
                                   kind=kind, city=city, country=c, timezone=TIMEZONE[c],
                                   email=f"care.{code.lower()}@{BRAND_DOMAIN}"))
        self.advisors = []
        for aid in range(1, self.n_advisors + 1):
            site = self.sites[(aid - 1) % self.n_sites]
            c = site["country"]
            r = self.rng_for("advisor", aid)
            first, last = r.choice(FIRST[c]), r.choice(LAST[c])
            langs = sorted({l for l, _ in LANGS[c]} | {"en"})
            local = f"{first}.{last}".lower().replace(" ", "").replace("'", "")
            self.advisors.append(dict(id=aid, code=f"ADV{aid:05d}", first_name=first, last_name=last,
                                      email=f"{local}.{aid}@{BRAND_DOMAIN}", phone=phone(r, c),
                                      site_id=site["id"], languages=langs, role="advisor"))
        self.adv_by_country = {}
        for a in self.advisors:
            self.adv_by_country.setdefault(self.sites[a["site_id"] - 1]["country"], []).append(a)

    # ---- one client with everything it owns
    def make_client(self, cid: int):
        r = self.rng_for("client", cid)
        country = wchoice(r, COUNTRIES, COUNTRY_WEIGHTS)
        lang = wchoice(r, [l for l, _ in LANGS[country]], [w for _, w in LANGS[country]])
        first, last = r.choice(FIRST[country]), r.choice(LAST[country])
        local = (first + "." + last).lower()
        for a, b in (("é", "e"), ("è", "e"), ("ë", "e"), ("ü", "ue"), ("ö", "oe"), ("ä", "ae"), ("ß", "ss"),
                     ("ç", "c"), (" ", ""), ("'", ""), ("É", "e"), ("-", "")):
            local = local.replace(a, b)
        style = r.randrange(3)
        if style == 1:
            local = local.split(".")[0][0] + "." + local.split(".", 1)[1]
        email_addr = f"{local}{'' if style == 2 else '.'}{cid}@{r.choice(MAIL_DOMAINS[country])}"
        advs = self.adv_by_country.get(country) or self.advisors
        adv = r.choice(advs)
        tier = wchoice(r, TIERS, TIER_WEIGHTS)
        since = rand_dt(r, dt.datetime(2018, 1, 1, tzinfo=dt.timezone.utc), dt.datetime(2025, 12, 31, tzinfo=dt.timezone.utc))
        client = dict(id=cid, ref=f"CL-{cid:07d}", first_name=first, last_name=last, name=f"{first} {last}",
                      email=email_addr, phone=phone(r, country), country=country, language=lang, tier=tier,
                      advisor_id=adv["id"], site_id=adv["site_id"], created_at=iso(since))
        # products: 1-3, VIPs own more
        n_prod = wchoice(r, [1, 2, 3, 4], [55, 30, 12, 3] if tier == "standard" else [30, 35, 25, 10])
        products = []
        for k in range(n_prod):
            pid = cid * 10 + k  # stable, unique, no global counter needed
            kind = wchoice(r, PRODUCT_KINDS, PRODUCT_WEIGHTS)
            lo, hi = PRICE[kind]
            bought = (since + dt.timedelta(days=r.randrange(0, 1500)))
            if bought > NOW - dt.timedelta(days=10):
                bought = NOW - dt.timedelta(days=r.randrange(10, 400))
            p = dict(id=pid, client_id=cid, kind=kind, brand=BRAND, model=r.choice(MODELS[kind]),
                     serial=None, vin=None, plate=None, purchase_date=bought.date().isoformat(),
                     price=round(r.uniform(lo, hi), -1 if kind != "device" else 0), currency=CURRENCY[country],
                     warranty_end=(bought.date().replace(year=bought.year + WARRANTY_YEARS[kind])
                                   if not (bought.month == 2 and bought.day == 29) else
                                   bought.date().replace(day=28, year=bought.year + WARRANTY_YEARS[kind])).isoformat(),
                     site_id=adv["site_id"])
            if kind == "car":
                p["vin"] = vin(r)
                p["plate"] = plate(r, country)
            else:
                p["serial"] = serial(r, kind)
            products.append(p)
        # cases: ~3 per client (0..9), opened 2022..now
        n_cases = min(9, max(0, int(r.gauss(3.0, 1.6) + 0.5)))
        cases, messages = [], []
        start = max(CASES_FROM, since)
        for j in range(n_cases):
            case_id = cid * 10 + j
            prod = r.choice(products) if r.random() < 0.85 else None
            kind = prod["kind"] if prod else None
            cat = wchoice(r, CATEGORIES, CATEGORY_WEIGHTS[kind])
            channel = wchoice(r, CHANNELS, CHANNEL_WEIGHTS)
            opened = office_hours(r, rand_dt(r, start, NOW - dt.timedelta(hours=2)))
            lo, hi = CASE_DAYS[cat]
            duration = dt.timedelta(days=r.randint(lo, hi), hours=r.randrange(1, 20))
            end = opened + duration
            if end < NOW:
                status = "closed" if r.random() < 0.88 else "resolved"
                closed = end
            else:
                status = wchoice(r, ["open", "pending", "reopened"], [60, 32, 8])
                closed = None
            case_adv = adv if r.random() < 0.75 else r.choice(self.advisors)
            ref = f"GW-{opened.year}-{case_id:09d}"
            ctx = self.ctx(r, client, prod, ref, lang)
            subject = r.choice(T[lang]["subj"][cat]).format_map(ctx)
            prio = {"vip": 2, "premium": 3, "standard": 3}[tier]
            if cat in ("breakdown", "complaint"):
                prio -= 1
            case = dict(id=case_id, ref=ref, client_id=cid, product_id=prod["id"] if prod else None,
                        subject=subject, category=cat, channel=channel, priority=max(1, prio),
                        language=lang, opened_at=iso(opened), closed_at=iso(closed) if closed else None,
                        status=status, advisor_id=case_adv["id"], site_id=case_adv["site_id"])
            cases.append(case)
            messages.extend(self.make_messages(r, client, prod, case, case_adv, adv, opened, closed or NOW, ctx))
        return client, products, cases, messages

    def ctx(self, r, client, prod, ref, lang):
        cur = CURRENCY[client["country"]]
        d = SafeDict(first=client["first_name"], last=client["last_name"], name=client["name"], ref=ref,
                     product=(prod["model"] if prod else BRAND), plate=(prod or {}).get("plate") or "",
                     vin=(prod or {}).get("vin") or "", serial=(prod or {}).get("serial") or "",
                     city=r.choice(CITIES[client["country"]]), invoice=f"INV-{r.randrange(10**6, 10**7)}",
                     order=f"ORD-{r.randrange(10**5, 10**6)}", currency=cur,
                     bought=fmt_date(lang, dt.date.fromisoformat(prod["purchase_date"])) if prod else "")
        return d

    def fill(self, r, tpl, ctx, lang, when):
        ctx["date"] = fmt_date(lang, (when + dt.timedelta(days=r.randrange(-60, 20))).date())
        ctx["time"] = f"{r.randrange(8, 19)}:{r.choice(['00', '15', '30', '45'])}"
        ctx["n"] = r.randrange(2, 12)
        ctx["days"] = r.randrange(2, 15)
        ctx["hours"] = r.choice([2, 4, 24, 48])
        ctx["km"] = f"{r.randrange(5, 120) * 1000:,}".replace(",", "." if lang in ("it", "de", "nl") else ",")
        ctx["amount"] = fmt_amount(lang, ctx["currency"], r.randrange(80, 9000) + r.choice([0, 0.5, 0.99]))
        return tpl.format_map(ctx)

    def inbound_body(self, r, lang, ctx, cat, first_msg, has, when, k_sent=None):
        B = T[lang]
        k = k_sent or r.randint(1, 6)
        sents = [self.fill(r, r.choice(B["problem"][cat] if first_msg else B["followup_in"]), ctx, lang, when)]
        details = [t for key, t in B["detail"] if key is None or key in has]
        while len(sents) < k - 1 and details:
            t = r.choice(details)
            details.remove(t)
            sents.append(self.fill(r, t, ctx, lang, when))
        if len(sents) < k:
            sents.append(r.choice(B["request"] if "plate" in has else B["request"][:3]))
        parts = []
        if r.random() < 0.7:
            parts.append(r.choice(B["greet_in"]))
        parts.append(" ".join(sents))
        if r.random() < 0.8:
            parts.append(self.fill(r, r.choice(B["close_in"]), ctx, lang, when))
        return "\n\n".join(parts)

    def outbound_body(self, r, lang, ctx, advisor, when):
        B = T[lang]
        ctx["advisor"] = f"{advisor['first_name']} {advisor['last_name']}"
        k = r.randint(1, 5)
        sents = [self.fill(r, r.choice(B["ack"]), ctx, lang, when)] if r.random() < 0.6 else []
        acts = list(B["action"])
        while len(sents) < k:
            t = r.choice(acts)
            acts.remove(t)
            sents.append(self.fill(r, t, ctx, lang, when))
        return "\n\n".join([self.fill(r, r.choice(B["greet_out"]), ctx, lang, when), " ".join(sents),
                            self.fill(r, r.choice(B["close_out"]), ctx, lang, when)])

    def make_messages(self, r, client, prod, case, case_adv, client_adv, opened, end, ctx):
        lang = client["language"]
        n = max(2, min(20, int(r.gauss(8, 3) + 0.5)))
        span = max(60, int((end - opened).total_seconds()))
        offsets = sorted(r.randrange(span) for _ in range(n - 1))
        times = [opened] + sorted(max(opened + dt.timedelta(minutes=5 * (i + 1)),
                                      office_hours(r, opened + dt.timedelta(seconds=o)))
                                  for i, o in enumerate(offsets))
        has = {k for k in ("plate", "vin", "serial") if prod and prod.get(k)} | {"ref", "order"}
        msgs, prev_mid, refs = [], None, []
        direction = "inbound"
        cdomain = client["email"].split("@")[1]
        for seq, t in enumerate(times, 1):
            if seq > 1:
                direction = ("outbound" if direction == "inbound" else "inbound") if r.random() < 0.78 else direction
            channel = case["channel"] if seq == 1 else wchoice(r, CHANNELS, [70, 25, 5])
            if direction == "inbound":
                body = self.inbound_body(r, lang, ctx, case["category"], seq == 1, has, t)
                author = dict(author_type="client", author_id=client["id"], author_email=client["email"])
                mid = f"<{case['ref'].lower()}.{seq}.{r.getrandbits(40):010x}@{cdomain}>"
            else:
                a = case_adv if r.random() < 0.85 else client_adv
                body = self.outbound_body(r, lang, ctx, a, t)
                author = dict(author_type="advisor", author_id=a["id"], author_email=a["email"])
                mid = f"<{case['ref'].lower()}.{seq}.{r.getrandbits(40):010x}@{BRAND_DOMAIN}>"
            subj = case["subject"] if seq == 1 else T[lang]["re"] + case["subject"]
            msgs.append(dict(id=case["id"] * 100 + seq, case_id=case["id"], client_id=client["id"], seq=seq,
                             direction=direction, channel=channel, **author, at=iso(t), subject=subj,
                             language=lang, body=body,
                             message_id=mid if channel == "email" else None,
                             in_reply_to=prev_mid if channel == "email" else None))
            if channel == "email":
                prev_mid = mid
                refs.append(mid)
        return msgs

    # ---- the whole run
    def run(self):
        os.makedirs(self.out, exist_ok=True)
        t0 = time.time()
        self.make_sites_and_advisors()
        w = lambda name: open(os.path.join(self.out, name), "w", encoding="utf-8", buffering=1 << 20)  # noqa: E731
        dump = lambda f, o: f.write(json.dumps(o, ensure_ascii=False, separators=(",", ":")) + "\n")  # noqa: E731
        with w("sites.jsonl") as f:
            for s in self.sites:
                dump(f, s)
        with w("advisors.jsonl") as f:
            for a in self.advisors:
                dump(f, a)
        self.counts["sites"], self.counts["advisors"] = len(self.sites), len(self.advisors)
        # clients that will write the inbound e-mails: fixed by the seed up front
        er = self.rng_for("emails", 0)
        if self.n >= self.n_emails:
            targets = er.sample(range(1, self.n + 1), self.n_emails)
        else:
            targets = [er.randrange(1, self.n + 1) for _ in range(self.n_emails)]
        want = set(targets)
        self.email_src = {}
        files = {k: w(f"{k}.jsonl") for k in ("clients", "products", "cases", "messages")}
        try:
            for cid in range(1, self.n + 1):
                client, products, cases, messages = self.make_client(cid)
                dump(files["clients"], client)
                for p in products:
                    dump(files["products"], p)
                for c in cases:
                    dump(files["cases"], c)
                for m in messages:
                    dump(files["messages"], m)
                self.counts["clients"] += 1
                self.counts["products"] += len(products)
                self.counts["cases"] += len(cases)
                self.counts["messages"] += len(messages)
                if cid in want:
                    self.email_src[cid] = self.email_source(client, products, cases, messages)
                if cid % 20000 == 0:
                    print(f"  {cid} clients, {self.counts['messages']} messages, {time.time() - t0:.1f}s",
                          file=sys.stderr)
        finally:
            for f in files.values():
                f.close()
        t_main = time.time() - t0
        self.write_emails(targets)
        meta = dict(generator="bench/dataset.py", version=GENERATOR_VERSION, seed=self.seed, clients=self.n,
                    emails=self.n_emails, now=iso(NOW), counts=self.counts,
                    seconds=dict(main=round(t_main, 1), emails=round(time.time() - t0 - t_main, 1)))
        with open(os.path.join(self.out, "meta.json"), "w") as f:
            json.dump({k: v for k, v in meta.items() if k != "seconds"}, f, indent=1, sort_keys=True)
            f.write("\n")
        return meta

    # ---- inbound e-mail set
    def email_source(self, client, products, cases, messages):
        """What the inbound e-mail generator needs to remember about one client."""
        last = None
        if cases:
            c = max(cases, key=lambda c: c["opened_at"])
            ms = [m for m in messages if m["case_id"] == c["id"] and m["message_id"]]
            if ms:
                ids = [m["message_id"] for m in ms]
                last_out = next((m["message_id"] for m in reversed(ms) if m["direction"] == "outbound"), ids[-1])
                last = dict(case=c, mids=ids[: ids.index(last_out) + 1][-6:], last_out=last_out)
        return dict(client=client, products=products, last=last)

    def write_emails(self, targets):
        edir = os.path.join(self.out, "inbound_eml")
        os.makedirs(edir, exist_ok=True)
        manifest = open(os.path.join(self.out, "inbound_manifest.jsonl"), "w", encoding="utf-8")
        mbox = open(os.path.join(self.out, "inbound.mbox"), "wb")
        base = NOW + dt.timedelta(hours=1)
        for k, cid in enumerate(targets, 1):
            r = self.rng_for("email", k)
            random.seed(self.seed * 1_000_003 + k)  # email.generator draws MIME boundaries from `random`
            src = self.email_src[cid]
            raw, info = self.make_email(r, k, src, base + dt.timedelta(seconds=k * 37 + r.randrange(30)))
            name = f"{k:06d}.eml"
            with open(os.path.join(edir, name), "wb") as f:
                f.write(raw)
            frm = info.get("from_addr") or "MAILER-DAEMON"
            mbox.write(f"From {frm} {email.utils.format_datetime(info['date_dt']).replace(',', '')}\n".encode())
            for line in raw.split(b"\n"):
                if line.lstrip(b">").startswith(b"From "):
                    line = b">" + line
                mbox.write(line + b"\n")
            mbox.write(b"\n")
            info.pop("date_dt")
            manifest.write(json.dumps(dict(file=name, **info), ensure_ascii=False, sort_keys=True) + "\n")
        manifest.close()
        mbox.close()

    def make_email(self, r, k, src, when):
        client, last = src["client"], src["last"]
        lang = client["language"]
        prod = r.choice(src["products"])
        reply = last is not None and r.random() < 0.42
        roll = r.random()
        fmt = "html_only" if roll < 0.10 else ("alternative" if roll < 0.35 else "plain")
        charset = "utf-8"
        cte = None
        if r.random() < 0.16:
            charset = LEGACY_CHARSET[lang]
            cte = "8bit" if r.random() < 0.2 else "quoted-printable"
        attach = r.random() < 0.2
        autoreply = r.random() < 0.01
        malformed = None
        if r.random() < 0.025:
            malformed = r.choice(["no_from", "broken_boundary", "bad_date_and_header", "truncated_base64",
                                  "raw_8bit_header"])
            if malformed in ("broken_boundary", "truncated_base64"):
                attach = True
        if reply:
            case = last["case"]
            ref = case["ref"]
            cat = case["category"]
            subject = T[lang]["re"] + case["subject"]
        else:
            ref = f"GW-{when.year}-N{k:06d}"
            cat = wchoice(r, CATEGORIES, CATEGORY_WEIGHTS[prod["kind"]])
            ctx0 = self.ctx(r, client, prod, ref, lang)
            subject = r.choice(T[lang]["subj"][cat]).format_map(ctx0)
        ctx = self.ctx(r, client, prod, ref, lang)
        has = {x for x in ("plate", "vin", "serial") if prod.get(x)} | {"ref", "order"}
        if autoreply:
            body = AUTOREPLY[lang].format(date=fmt_date(lang, (when + dt.timedelta(days=r.randrange(3, 20))).date()))
            subject = {"it": "Risposta automatica: ", "fr": "Réponse automatique : ", "de": "Automatische Antwort: ",
                       "en": "Automatic reply: ", "nl": "Automatisch antwoord: "}[lang] + subject
        else:
            body = self.inbound_body(r, lang, ctx, cat, not reply, has, when)
        if reply and r.random() < 0.5:  # quoted history below the new text, as mail clients do
            body += "\n\n> " + "\n> ".join(T[lang]["ack"][0].format_map(ctx).split("\n"))
        msg = EmailMessage(policy=email_policy.SMTP)
        from_addr = client["email"]
        msg["From"] = email.utils.formataddr((client["name"], from_addr))
        msg["To"] = email.utils.formataddr((f"{BRAND} Client Care", f"care@{BRAND_DOMAIN}"))
        if r.random() < 0.1:
            adv = self.advisors[client["advisor_id"] - 1]
            msg["Cc"] = adv["email"]
        msg["Subject"] = subject
        msg["Date"] = email.utils.format_datetime(when)
        mid = f"<in.{k:06d}.{r.getrandbits(48):012x}@{from_addr.split('@')[1]}>"
        msg["Message-ID"] = mid
        if reply:
            msg["In-Reply-To"] = last["last_out"]
            msg["References"] = " ".join(last["mids"])
        if autoreply:
            msg["Auto-Submitted"] = "auto-replied"
        msg["MIME-Version"] = "1.0"
        if charset != "utf-8":  # keep only what the legacy charset can carry
            body = body.replace("\u202f", "\xa0").encode(charset, "replace").decode(charset)
            subject = subject.encode(charset, "replace").decode(charset)
        paras = "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in body.split("\n\n"))
        html = HTML_WRAP.format(charset=charset, paras=paras)
        kw = dict(charset=charset)
        if cte:
            kw["cte"] = cte
        if fmt == "html_only":
            msg.set_content(html, subtype="html", **kw)
        else:
            msg.set_content(body, **kw)
            if fmt == "alternative":
                msg.add_alternative(html, subtype="html", **kw)
        att_name = None
        if attach:
            if r.random() < 0.5:
                att_name = f"photo_{k}.jpg"
                data = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + r.randbytes(r.randrange(2000, 12000)) + b"\xff\xd9"
                msg.add_attachment(data, maintype="image", subtype="jpeg", filename=att_name)
            else:
                att_name = f"{['fattura', 'facture', 'Rechnung', 'invoice', 'factuur'][['it', 'fr', 'de', 'en', 'nl'].index(lang)]}_{k}.pdf"
                txt = f"{ctx['invoice']} {client['name']} {prod['model']} {prod.get('plate') or prod.get('serial')}"
                data = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
                        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>endobj\n"
                        b"4 0 obj<</Length 60>>stream\nBT /F1 12 Tf 72 770 Td (" + txt.encode("latin-1", "replace")
                        + b") Tj ET\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
                msg.add_attachment(data, maintype="application", subtype="pdf", filename=att_name)
        raw = msg.as_bytes(policy=email_policy.SMTP)
        raw = raw.replace(b"\r\n", b"\n")  # files on disk use LF, as maildir/mbox tools write them
        if malformed == "no_from":
            raw = b"\n".join(l for l in raw.split(b"\n") if not l.startswith(b"From:"))
            from_addr = None
        elif malformed == "broken_boundary":
            b = msg.get_boundary().encode()
            raw = raw.replace(b"--" + b + b"--", b"")  # closing delimiter gone
            raw = raw.replace(b'boundary="' + b + b'"', b'boundary="' + b + b'X"', 1)  # declared boundary unused
        elif malformed == "bad_date_and_header":
            raw = raw.replace(b"Date: ", b"Date: 31 Febtember 20x6 25:61 +9900\nX-Garbage line without colon\nX-Old-Date: ", 1)
        elif malformed == "truncated_base64":
            cut = raw.rfind(b"Content-Transfer-Encoding: base64")
            raw = raw[: cut + 400] + b"\n"  # message ends in the middle of the attachment
        elif malformed == "raw_8bit_header":
            # undeclared ISO-8859-1 bytes straight in a header, as some old mailers send
            raw = raw.replace(b"Subject: ", b"Subject: " + "Très urgent: ".encode("latin-1"), 1)
        info = dict(client_id=client["id"], from_addr=from_addr, message_id=mid, kind="reply" if reply else "new",
                    case_id=last["case"]["id"] if reply else None, case_ref=last["case"]["ref"] if reply else None,
                    in_reply_to=last["last_out"] if reply else None, language=lang, format=fmt, charset=charset,
                    cte=cte,
                    attachment=att_name, autoreply=autoreply, malformed=malformed, date=iso(when), date_dt=when,
                    size=len(raw))
        return raw, info


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--emails", type=int, default=1000, help="inbound raw e-mails to write (default 1000)")
    ap.add_argument("--out", default=None, help="output directory (default bench/data/c<clients> under the current directory)")
    a = ap.parse_args(argv)
    out = a.out or os.path.join(os.getcwd(), "bench", "data", f"c{a.clients}")
    meta = Generator(a.clients, a.seed, out, a.emails).run()
    print(json.dumps(dict(out=out, **meta)))


if __name__ == "__main__":
    main()
