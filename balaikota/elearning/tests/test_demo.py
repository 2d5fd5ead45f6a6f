"""The demo courses: real content, banks of at least ten questions, a playable SCORM package,
some progress for the demo civil servant; a second run changes nothing."""

import pytest

from balaikota.accounts.models import Role
from balaikota.elearning import interfaces, scorm
from balaikota.elearning.demo import demo_scorm_zip, elearning_demo_seed
from balaikota.elearning.models import Attempt, Course, LessonDone, ScormPackage

pytestmark = pytest.mark.django_db


def test_the_demo_courses(staff_with_role):
    learner = staff_with_role(Role.CIVIL_SERVANT)
    admin = staff_with_role(Role.COMPETENCY_ADMIN)
    assert elearning_demo_seed(learner=learner, admin=admin) == 3
    assert elearning_demo_seed(learner=learner, admin=admin) == 0
    courses = list(Course.objects.filter(is_published=True))
    assert len(courses) == 3  # cyber security, data literacy, this platform's e-office
    for course in courses:
        assert course.questions.count() >= 10
        assert {q.kind for q in course.quizzes.all()} == {"pre", "post"}
        assert all(
            len(lesson.body) > 500 for m in course.modules.all() for lesson in m.lessons.all()
        )
    assert ScormPackage.objects.count() == 1
    assert Attempt.objects.filter(user=learner).count() == 1
    assert LessonDone.objects.filter(user=learner).count() == 2
    (progress,) = [
        p for p in interfaces.progress_for(learner, [c.pk for c in courses]).values() if p.percent
    ]
    assert 0 < progress.percent < 100


def test_the_demo_package_passes_the_checks():
    checked = scorm.check_package(demo_scorm_zip())
    assert checked.launch_path == "index.html" and checked.title == "Simulasi: Phishing atau Bukan?"
