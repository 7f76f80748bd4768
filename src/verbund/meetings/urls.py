from django.urls import path

from verbund.meetings.views import calendar, meetings, minutes, register, schedule

app_name = "meetings"

urlpatterns = [
    # A group's meetings and its schedule (series, one-offs).
    path("groups/<str:code>/meetings/", meetings.meeting_list, name="meeting_list"),
    path("groups/<str:code>/schedule/", schedule.schedule, name="schedule"),
    # One meeting.
    path("meetings/<str:code>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<str:code>/rsvp/", meetings.rsvp, name="rsvp"),
    path("meetings/<str:code>/cancel/", schedule.cancel, name="cancel"),
    path("meetings/<str:code>/agenda/", minutes.agenda_add, name="agenda_add"),
    path(
        "meetings/<str:code>/agenda/<int:pk>/remove/", minutes.agenda_remove, name="agenda_remove"
    ),
    path("meetings/<str:code>/agenda/<int:pk>/move/", minutes.agenda_move, name="agenda_move"),
    path("meetings/<str:code>/minutes/", minutes.minutes, name="minutes"),
    path("action-items/<str:code>/status/", minutes.action_item_status, name="action_item_status"),
    # The register (phone-first) and self check-in.
    path("meetings/<str:code>/register/", register.register, name="register"),
    path("meetings/<str:code>/register/<str:person>/", register.record, name="record"),
    path("meetings/<str:code>/register-complete/", register.complete, name="register_complete"),
    path("meetings/<str:code>/register-reopen/", register.reopen, name="register_reopen"),
    path("meetings/<str:code>/check-in-code/", register.checkin_display, name="checkin_display"),
    path("meetings/<str:code>/check-in-code/qr.svg", register.checkin_qr, name="checkin_qr"),
    path("meetings/<str:code>/check-in-code/new/", register.checkin_renew, name="checkin_renew"),
    path("meetings/<str:code>/check-in/<str:checkin>/", register.check_in, name="check_in"),
    # Calendar feeds at secret URLs, and their settings.
    path("calendar/", calendar.settings, name="calendar_settings"),
    path("calendar/<str:token>.ics", calendar.personal_feed, name="personal_feed"),
    path("calendar/<str:token>/groups/<str:code>.ics", calendar.group_feed, name="group_feed"),
]

# Mounted under /office/ in the "office" namespace by verbund/urls.py.
office_patterns = [path("holidays/", schedule.holidays, name="holidays")]
