"""Rules of e-learning: civil servants learn from published courses and see only their own
attempts, answers and progress; the competency admin authors courses and reads everyone's results."""

import rules

from balaikota.accounts.permissions import is_civil_servant, is_competency_admin


@rules.predicate
def is_published(user, course) -> bool:
    return course is not None and course.is_published


@rules.predicate
def is_owner(user, obj) -> bool:
    return bool(
        user
        and user.is_authenticated
        and obj is not None
        and getattr(obj, "user_id", None) == user.pk
    )


# Learning: the menu entry and the course list (no object), then a course.
rules.add_perm("elearning.learn", is_civil_servant | is_competency_admin)
rules.add_perm("elearning.open_course", (is_civil_servant & is_published) | is_competency_admin)
# An attempt (its answers and result) or a SCORM track: its owner reads it, the admin too; only
# the owner answers.
rules.add_perm("elearning.view_attempt", is_owner | is_competency_admin)
rules.add_perm("elearning.take_attempt", is_owner & is_civil_servant)
rules.add_perm("elearning.view_reports", is_competency_admin)
rules.add_perm("elearning.upload_scorm", is_competency_admin)

# The back office (/admin/): the competency admin authors courses, banks and quizzes.
AUTHORED = ("course", "module", "lesson", "question", "option", "quiz")
for model in AUTHORED:
    for action in ("view", "add", "change", "delete"):
        rules.add_perm(f"elearning.{action}_{model}", is_competency_admin)
# A package is added only through the upload page, which checks it (services.scorm_package_upload).
for action in ("view", "change", "delete"):
    rules.add_perm(f"elearning.{action}_scormpackage", is_competency_admin)
# (view_attempt above also opens the admin's read-only list to the competency admin.)
for model in ("answer", "coursecompletion"):
    rules.add_perm(f"elearning.view_{model}", is_competency_admin)
