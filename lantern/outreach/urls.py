"""URLs of `outreach`: a library's outreach pages under /<library-slug>/, and the site contact's token pages
under /station/<token>/ (`station_urls`, no account needed)."""

from django.urls import path

from .views import donations as donation_views
from .views import special as special_views
from .views import stations as station_views
from .views import stations_site as station_site_views
from .views import volunteers as volunteer_views
from .views import volunteers_staff as volunteer_staff_views

app_name = "outreach"

urlpatterns: list = []

# --- reading stations (stations) ---
urlpatterns += [
    path("staff/stations/", station_views.staff_stations, name="staff_stations"),
    path("staff/stations/new/", station_views.staff_station_new, name="staff_station_new"),
    path("staff/stations/<int:pk>/", station_views.staff_station, name="staff_station"),
    path("staff/stations/<int:pk>/edit/", station_views.staff_station_edit, name="staff_station_edit"),
    path("staff/stations/<int:pk>/open/", station_views.staff_station_open, name="staff_station_open"),
    path("staff/stations/<int:pk>/close/", station_views.staff_station_close, name="staff_station_close"),
    path("staff/stations/<int:pk>/link/", station_views.staff_station_link, name="staff_station_link"),
    path(
        "staff/stations/<int:pk>/link/replace/",
        station_views.staff_station_link_rotate,
        name="staff_station_link_rotate",
    ),
    path("staff/stations/<int:pk>/send/", station_views.staff_station_send, name="staff_station_send"),
    path(
        "staff/stations/<int:pk>/send-available/",
        station_views.staff_station_send_available,
        name="staff_station_send_available",
    ),
    path("staff/stations/<int:pk>/copies/", station_views.staff_station_deposits, name="staff_station_deposits"),
    path("staff/stations/<int:pk>/rotate/", station_views.staff_station_rotate, name="staff_station_rotate"),
    path(
        "staff/stations/<int:pk>/requests/<int:request_pk>/answer/",
        station_views.staff_request_answer,
        name="staff_station_request_answer",
    ),
]

# --- donations (donations) ---
urlpatterns += [
    path("donations/thanks/", donation_views.thanks, name="donation_thanks"),
    path("donations/receipts/<str:number>/", donation_views.receipt_check, name="receipt_check"),
    path("staff/donations/", donation_views.staff_donations, name="staff_donations"),
    path("staff/donations/new/", donation_views.staff_donation_new, name="staff_donation_new"),
    path("staff/donations/<str:number>/", donation_views.staff_donation, name="staff_donation"),
    path("staff/donations/<str:number>/receipt.pdf", donation_views.staff_receipt_pdf, name="staff_receipt_pdf"),
    path("staff/donations/<str:number>/delete/", donation_views.staff_donation_delete, name="staff_donation_delete"),
    path("staff/gifts/new/", donation_views.staff_gift_new, name="staff_gift_new"),
    path("staff/gifts/<str:number>/", donation_views.staff_gift, name="staff_gift"),
    path("staff/gifts/<str:number>/edit/", donation_views.staff_gift_edit, name="staff_gift_edit"),
    path("staff/gifts/<str:number>/letter.pdf", donation_views.staff_letter_pdf, name="staff_letter_pdf"),
    path("staff/gifts/<str:number>/delete/", donation_views.staff_gift_delete, name="staff_gift_delete"),
]

# --- volunteers (volunteers) ---

urlpatterns += [
    path("volunteer/", volunteer_views.volunteer, name="volunteer"),
    path("volunteer/shifts/", volunteer_views.shifts, name="shifts"),
    path("volunteer/shifts/<int:pk>/sign-up/", volunteer_views.shift_sign_up, name="shift_sign_up"),
    path("volunteer/shifts/<int:pk>/cancel/", volunteer_views.shift_cancel_signup, name="shift_cancel_signup"),
    path("volunteer/hours/", volunteer_views.my_hours, name="my_hours"),
    path("volunteer/hours/certificate.pdf", volunteer_views.certificate_pdf, name="certificate"),
    path("volunteer/certificates/<str:code>/", volunteer_views.certificate_check, name="certificate_check"),
    path("staff/volunteers/", volunteer_staff_views.staff_volunteers, name="staff_volunteers"),
    path(
        "staff/volunteers/<int:pk>/approve/",
        volunteer_staff_views.staff_volunteer_approve,
        name="staff_volunteer_approve",
    ),
    path(
        "staff/volunteers/<int:pk>/decline/",
        volunteer_staff_views.staff_volunteer_decline,
        name="staff_volunteer_decline",
    ),
    path("staff/volunteers/<int:pk>/left/", volunteer_staff_views.staff_volunteer_left, name="staff_volunteer_left"),
    path("staff/hours/<int:pk>/approve/", volunteer_staff_views.staff_hours_approve, name="staff_hours_approve"),
    path("staff/hours/<int:pk>/reject/", volunteer_staff_views.staff_hours_reject, name="staff_hours_reject"),
    path("staff/shifts/", volunteer_staff_views.staff_shifts, name="staff_shifts"),
    path("staff/shifts/new/", volunteer_staff_views.staff_shift_new, name="staff_shift_new"),
    path("staff/shifts/<int:pk>/", volunteer_staff_views.staff_shift, name="staff_shift"),
    path("staff/shifts/<int:pk>/edit/", volunteer_staff_views.staff_shift_edit, name="staff_shift_edit"),
    path("staff/shifts/<int:pk>/cancel/", volunteer_staff_views.staff_shift_cancel, name="staff_shift_cancel"),
    path(
        "staff/shifts/<int:pk>/sign-ups/<int:signup_pk>/check-in/",
        volunteer_staff_views.staff_check_in,
        name="staff_check_in",
    ),
    path(
        "staff/shifts/<int:pk>/sign-ups/<int:signup_pk>/absent/",
        volunteer_staff_views.staff_no_show,
        name="staff_no_show",
    ),
]

# --- services for special groups and easy reading (special) ---
urlpatterns += [
    path("access/", special_views.access_directory, name="access"),
    path("access/<int:pk>/", special_views.service_page, name="service"),
    path("access/<int:pk>/lessons/<int:lesson_pk>/captions.vtt", special_views.lesson_captions, name="lesson_captions"),
    path("easy-reading/", special_views.easy_reading_switch, name="easy_reading"),
    path("staff/access/", special_views.staff_access, name="staff_access"),
    path("staff/access/new/", special_views.service_create, name="staff_service_create"),
    path("staff/access/<int:pk>/", special_views.staff_service, name="staff_service"),
    path("staff/access/<int:pk>/edit/", special_views.service_edit, name="staff_service_edit"),
    path("staff/access/<int:pk>/publish/", special_views.service_publish, name="staff_service_publish"),
    path("staff/access/<int:pk>/unpublish/", special_views.service_unpublish, name="staff_service_unpublish"),
    path("staff/access/<int:pk>/move/", special_views.service_move, name="staff_service_move"),
    path("staff/access/<int:pk>/remove/", special_views.service_remove, name="staff_service_remove"),
    path("staff/access/<int:pk>/lessons/new/", special_views.lesson_create, name="staff_lesson_create"),
    path("staff/access/<int:pk>/lessons/<int:lesson_pk>/", special_views.lesson_edit, name="staff_lesson_edit"),
    path("staff/access/<int:pk>/lessons/<int:lesson_pk>/move/", special_views.lesson_move, name="staff_lesson_move"),
    path(
        "staff/access/<int:pk>/lessons/<int:lesson_pk>/remove/",
        special_views.lesson_remove,
        name="staff_lesson_remove",
    ),
]

# The site contact's pages, mounted at /station/<token>/ in namespace "station".
station_urls: list = [
    path("", station_site_views.home, name="home"),
    path("more/", station_site_views.ask_more, name="ask_more"),
    path("rotation/", station_site_views.ask_rotation, name="ask_rotation"),
    path("report/", station_site_views.report, name="report"),
]
