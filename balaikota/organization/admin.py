from django.contrib import admin

from .models import District, Employee, Opd, Position, Province, Rank, Regency, Unit, Village


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    search_fields = ["code", "name"]


@admin.register(Regency)
class RegencyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "province"]
    search_fields = ["code", "name"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "regency"]
    search_fields = ["code", "name"]
    list_select_related = ["regency"]


@admin.register(Village)
class VillageAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "district"]
    search_fields = ["code", "name"]
    list_select_related = ["district"]


@admin.register(Opd)
class OpdAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "code"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "opd", "parent"]
    list_filter = ["opd"]
    search_fields = ["name"]
    autocomplete_fields = ["opd", "parent"]
    list_select_related = ["opd", "parent"]


@admin.register(Rank)
class RankAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "scheme", "order"]
    list_filter = ["scheme"]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "kind", "echelon", "is_head"]
    list_filter = ["kind", "echelon", "is_head"]
    search_fields = ["name"]
    autocomplete_fields = ["unit"]
    list_select_related = ["unit"]


@admin.register(Employee)
class EmployeeAdmin(admin.ModelAdmin):
    list_display = ["full_name", "nip", "employment_type", "rank", "position", "unit"]
    list_filter = ["employment_type", "unit__opd"]
    search_fields = ["full_name", "nip"]
    autocomplete_fields = ["user", "unit", "position", "supervisor_override"]
    list_select_related = ["rank", "position", "unit"]
