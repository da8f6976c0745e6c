from django.urls import path

from goodwill.assistance import views

urlpatterns = [
    path("partners/", views.partner_list, name="partners"),
    path("partners/new/", views.partner_edit, name="partner-new"),
    path("partners/<int:pk>/", views.partner_edit, name="partner-edit"),
    path("partners/policy/", views.policy_set, name="policy-set"),
    path("partners/goodwill/", views.goodwill_set, name="goodwill-set"),
    path("claims/<int:pk>/approve/", views.claim_approve, name="claim-approve"),
    path("claims/<int:pk>/decline/", views.claim_decline, name="claim-decline"),
    path("cases/<str:reference>/partner-tasks/", views.task_new, name="partner-task-new"),
    path("cases/<str:reference>/partner-tasks/form/", views.task_form, name="partner-task-form"),
    path("partner-tasks/<int:pk>/approve/", views.task_approve, name="partner-task-approve"),
    path("partner-tasks/<int:pk>/renew/", views.task_renew, name="partner-task-renew"),
    path("partner-tasks/<int:pk>/update/", views.task_update, name="partner-task-update"),
    # The partner's private link: short, for a phone and an SMS.
    path("p/<str:token>/", views.partner_link, name="partner-link"),
]
