"""Back office of e-learning for the competency admin: courses with their modules, lessons and
quizzes, the question bank with its options. Every save goes through the services (rich text
sanitised, files checked, options checked). Attempts and answers are read-only: the answer log is
append-only."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from balaikota.core.errors import DomainError

from . import services
from .models import (
    Attempt,
    Course,
    CourseCompletion,
    Lesson,
    Module,
    Option,
    Question,
    Quiz,
    ScormPackage,
)


class ModuleInline(admin.TabularInline):
    model = Module
    extra = 0


class QuizInline(admin.StackedInline):
    model = Quiz
    extra = 0


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["title", "is_published", "created_at"]
    list_filter = ["is_published"]
    search_fields = ["title"]
    inlines = [ModuleInline, QuizInline]

    def save_model(self, request, obj, form, change):
        services.course_save(course=obj)


class LessonForm(forms.ModelForm):
    video_url = forms.URLField(
        label=_("Tautan video"),
        required=False,
        assume_scheme="https",
        help_text=_("YouTube atau Vimeo."),
    )
    upload = forms.FileField(label=_("Berkas (PDF, JPEG, PNG)"), required=False)

    class Meta:
        model = Lesson
        fields = ["module", "title", "order", "kind", "body", "video_url", "is_required", "minutes"]

    def clean(self):
        data = super().clean()
        upload = data.get("upload")
        instance = self.instance
        for name in (
            "module",
            "title",
            "order",
            "kind",
            "body",
            "video_url",
            "is_required",
            "minutes",
        ):
            if name in data:
                setattr(instance, name, data[name])
        try:
            services.lesson_check(
                lesson=instance, upload=upload, original_name=getattr(upload, "name", "")
            )
        except DomainError as exc:
            raise ValidationError(exc.field_errors or exc.text) from None
        return data


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    form = LessonForm
    list_display = ["title", "module", "kind", "order", "is_required"]
    list_filter = ["kind", "module__course"]
    list_select_related = ["module"]
    search_fields = ["title"]

    def save_model(self, request, obj, form, change):
        upload = form.cleaned_data.get("upload")
        services.lesson_save(lesson=obj, upload=upload, original_name=getattr(upload, "name", ""))


class LessonInline(admin.StackedInline):
    model = Lesson
    form = LessonForm
    extra = 0


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):
    """A module with its lessons inline; each lesson is saved through the service."""

    list_display = ["title", "course", "order"]
    list_filter = ["course"]
    list_select_related = ["course"]
    inlines = [LessonInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is not Lesson:
            return super().save_formset(request, form, formset, change)
        changed = formset.save(commit=False)  # also lists the deleted ones
        for lesson in formset.deleted_objects:
            lesson.delete()
        for lesson_form in formset.forms:
            if any(lesson_form.instance is lesson for lesson in changed):
                lesson = lesson_form.instance
                lesson.module = form.instance
                upload = lesson_form.cleaned_data.get("upload")
                services.lesson_save(
                    lesson=lesson, upload=upload, original_name=getattr(upload, "name", "")
                )
        formset.save_m2m()
        return None


class OptionFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        options = [
            (form.cleaned_data.get("text", ""), form.cleaned_data.get("is_correct", False))
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        try:
            services.question_check(kind=self.instance.kind, options=options)
        except DomainError as exc:
            raise ValidationError(exc.text) from None


class OptionInline(admin.TabularInline):
    model = Option
    formset = OptionFormSet
    extra = 2


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "course", "kind", "is_active"]
    list_filter = ["course", "kind", "is_active"]
    search_fields = ["text"]
    inlines = [OptionInline]


@admin.register(ScormPackage)
class ScormPackageAdmin(admin.ModelAdmin):
    """Read here; a package is uploaded on the course's page (checked before it is kept)."""

    list_display = ["title", "course", "file_count", "uploaded_at"]
    readonly_fields = ["course", "launch_path", "file_count", "total_size", "sha256", "uploaded_at"]

    def has_add_permission(self, request):
        return False


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Attempt)
class AttemptAdmin(_ReadOnly):
    list_display = ["quiz", "user", "number", "status", "score", "passed", "started_at"]
    list_filter = ["status", "quiz__course"]
    list_select_related = ["quiz", "user"]


@admin.register(CourseCompletion)
class CourseCompletionAdmin(_ReadOnly):
    list_display = ["course", "user", "completed_at", "pre_test_score", "post_test_score"]
    list_select_related = ["course", "user"]
