from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import RedirectView

from goodwill.api import api_urls
from goodwill.integrations.api import api_v1_urls
from goodwill.web import cases, clients, costs, home, quotes, replies, signin, texts

urlpatterns = [
    path("", home.home, name="home"),
    path("login/", signin.login, name="login"),
    path("login/code/", signin.login_code, name="login-code"),
    path("me/two-factor/", signin.two_factor, name="two-factor"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", home.set_language, name="set-language"),
    path("search/", clients.search, name="search"),
    path("clients/", clients.my_clients, name="my-clients"),
    path("clients/new/", clients.client_new, name="client-new"),
    path("clients/<str:ref>/", clients.client_detail, name="client-detail"),
    path("clients/<str:ref>/cases/new/", cases.case_new, name="case-new"),
    path("clients/<str:ref>/contacts/", clients.contact_add, name="contact-add"),
    path("clients/<str:ref>/products/<int:pk>/mileage/", clients.mileage_add, name="mileage-add"),
    path(
        "clients/<str:ref>/products/<int:pk>/delivered/",
        clients.product_delivered,
        name="product-delivered",
    ),
    path("clients/<str:ref>/portal/send/", clients.portal_link_send, name="portal-link-send"),
    path("clients/<str:ref>/portal/revoke/", clients.portal_links_revoke, name="portal-revoke"),
    path("cases/<str:reference>/", cases.case_detail, name="case-detail"),
    path("cases/<str:reference>/forms/<str:name>/", cases.case_form, name="case-form"),
    path("cases/<str:reference>/note/", cases.case_note, name="case-note"),
    path("cases/<str:reference>/claims/", costs.claim_new, name="case-claim-new"),
    path("cases/<str:reference>/call/", cases.case_call, name="case-call"),
    path("cases/<str:reference>/message/", replies.case_message, name="case-message"),
    path("cases/<str:reference>/text/", texts.case_text, name="messaging-case-text"),
    path(
        "cases/<str:reference>/message/preview/",
        replies.case_message_preview,
        name="case-message-preview",
    ),
    path(
        "cases/<str:reference>/message/promise/",
        replies.case_message_promise,
        name="case-message-promise",
    ),
    path("cases/<str:reference>/summary/", replies.case_summarise, name="case-summary"),
    path(
        "cases/<str:reference>/message/suggest/",
        replies.case_message_suggest,
        name="case-message-suggest",
    ),
    path("cases/<str:reference>/status/", cases.case_status, name="case-status"),
    path("cases/<str:reference>/reassign/", cases.case_reassign, name="case-reassign"),
    path("cases/<str:reference>/client-title/", cases.case_client_title, name="case-client-title"),
    # The promise form proposes a time from the care engine's service level: a page composing
    # both apps, so it is served by web (promises and care sit in one layer).
    path("cases/<str:reference>/promises/form/", cases.case_promise_form, name="promise-form"),
    # Quotes: sending issues the client's portal link, so web composes quotes and portal.
    path("cases/<str:reference>/quotes/", quotes.quote_new, name="quote-new"),
    path(
        "cases/<str:reference>/quotes/<int:quote_id>/media/",
        quotes.quote_media,
        name="quote-media",
    ),
    path("cases/<str:reference>/quotes/<int:quote_id>/send/", quotes.quote_send, name="quote-send"),
    path("", include("goodwill.documents.urls")),
    path("", include("goodwill.promises.urls")),
    path("", include("goodwill.care.urls")),
    path("", include("goodwill.notifications.urls")),
    path("", include("goodwill.channels.outbox.urls")),
    path("", include("goodwill.channels.webform.urls")),
    path("", include("goodwill.channels.messaging.urls")),
    path("", include("goodwill.news.urls")),
    path("", include("goodwill.checks.urls")),
    path("", include("goodwill.insights.urls")),
    path("", include("goodwill.availability.urls")),
    path("", include("goodwill.people.urls")),
    path("", include("goodwill.assistance.urls")),
    path("", include("goodwill.portal.urls")),
    path("", include("goodwill.surveys.urls")),
    path("", include("goodwill.appointments.urls")),
    path("", include("goodwill.quality.urls")),
    path("", include("goodwill.recalls.urls")),
    path("", include("goodwill.journeys.urls")),
    path("phone/", include("goodwill.channels.phone.urls")),
    path("mail/", include("goodwill.channels.email.urls")),
    path("", include("goodwill.integrations.urls")),
    path("", include("goodwill.privacy.urls")),
    # Before /api/: the versioned API for other systems, with tokens (goodwill.integrations).
    path("api/v1/", include((api_v1_urls(), "api-v1"))),
    path("api/", include((api_urls(), "api"))),
    # The admin signs in through the staff login: throttled, and with the second factor.
    path(
        "admin/login/",
        login_not_required(RedirectView.as_view(url="/login/", query_string=True)),
    ),
    path("admin/", admin.site.urls),
]
