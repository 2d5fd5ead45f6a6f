"""Public performance figures per service (or OPD) and month, refreshed from live data by a
periodic task so the public page never scans a million applications."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ServiceMonthStat(models.Model):
    """One service's month. ``service`` empty: the OPD's complaints not about one service.

    ``working_days`` is a histogram {days: applications} of processing times, so the median and
    the 90th percentile of any set of months and services are exact, not averages of medians."""

    opd = models.ForeignKey(
        "organization.Opd", on_delete=models.CASCADE, related_name="service_month_stats"
    )
    service = models.ForeignKey(
        "catalogue.PublicService",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="month_stats",
    )
    month = models.DateField(_("bulan"))
    received = models.PositiveIntegerField(_("permohonan diterima"), default=0)
    received_online = models.PositiveIntegerField(_("diajukan daring"), default=0)
    completed = models.PositiveIntegerField(_("permohonan selesai"), default=0)
    completed_on_time = models.PositiveIntegerField(_("selesai tepat waktu"), default=0)
    working_days = models.JSONField(_("lama proses (hari kerja → jumlah)"), default=dict)
    complaints_received = models.PositiveIntegerField(_("pengaduan diterima"), default=0)
    complaints_in_time = models.PositiveIntegerField(_("pengaduan dijawab tepat waktu"), default=0)
    refreshed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("statistik layanan per bulan")
        verbose_name_plural = _("statistik layanan per bulan")
        indexes = [models.Index(fields=["month", "opd"], name="transparency_month_opd_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "month"],
                condition=Q(service__isnull=False),
                name="transparency_one_row_per_service_month",
            ),
            models.UniqueConstraint(
                fields=["opd", "month"],
                condition=Q(service__isnull=True),
                name="transparency_one_opd_row_per_month",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service or self.opd} {self.month:%Y-%m}"
