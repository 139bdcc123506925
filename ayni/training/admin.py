from django.contrib import admin

from ayni.training import models


class LessonInline(admin.StackedInline):
    model = models.Lesson
    extra = 0


@admin.register(models.Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["title_es", "title_en", "community", "is_starter", "position"]
    list_filter = ["is_starter"]
    search_fields = ["title_es", "title_en", "key"]


@admin.register(models.Module)
class ModuleAdmin(admin.ModelAdmin):
    list_display = ["title_es", "course", "position", "estimated_minutes", "pass_mark"]
    list_filter = ["course"]
    inlines = [LessonInline]


@admin.register(models.Certification)
class CertificationAdmin(admin.ModelAdmin):
    list_display = ["user", "course", "certified_on", "source"]
    list_filter = ["source", "course"]
    raw_id_fields = ["user", "recorded_by"]


@admin.register(models.TrainingRequirement)
class TrainingRequirementAdmin(admin.ModelAdmin):
    list_display = ["community", "background_check", "renewal_months"]
    filter_horizontal = ["required_courses"]


@admin.register(models.BackgroundCheck)
class BackgroundCheckAdmin(admin.ModelAdmin):
    list_display = ["membership", "checked_on", "expires_on", "recorded_by"]
    raw_id_fields = ["membership", "recorded_by"]


@admin.register(models.InPersonSession)
class InPersonSessionAdmin(admin.ModelAdmin):
    list_display = ["title", "community", "kind", "held_on", "hours"]
    list_filter = ["kind"]


@admin.register(models.DebriefGroup)
class DebriefGroupAdmin(admin.ModelAdmin):
    list_display = ["circle", "community", "created_by", "created_at"]
    raw_id_fields = ["circle", "created_by"]
