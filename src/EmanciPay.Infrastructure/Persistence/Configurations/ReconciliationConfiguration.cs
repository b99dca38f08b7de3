using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Reconciliation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmanciPay.Infrastructure.Persistence.Configurations;

internal sealed class ReconciliationRunConfiguration : IEntityTypeConfiguration<ReconciliationRun>
{
    public void Configure(EntityTypeBuilder<ReconciliationRun> builder)
    {
        builder.ToTable("ReconciliationRuns");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.RequestedBy).HasMaxLength(450);
        builder.Property(r => r.StripeSource).HasMaxLength(10);
        builder.Property(r => r.Step).HasMaxLength(100);
        builder.Property(r => r.Failure).HasMaxLength(ReconciliationRun.MaxFailureLength);
        builder.Ignore(r => r.IsFinished);
        builder.HasIndex(r => r.RequestedAt);
    }
}

internal sealed class ReconciliationCategoryConfiguration : IEntityTypeConfiguration<ReconciliationCategory>
{
    public void Configure(EntityTypeBuilder<ReconciliationCategory> builder)
    {
        builder.ToTable("ReconciliationCategories");
        builder.HasKey(c => new { c.RunId, c.Category });
        builder.Property(c => c.Category).HasMaxLength(50);
        builder.HasOne<ReconciliationRun>().WithMany().HasForeignKey(c => c.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DiscrepancyConfiguration : IEntityTypeConfiguration<Discrepancy>
{
    public void Configure(EntityTypeBuilder<Discrepancy> builder)
    {
        builder.ToTable("Discrepancies");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.SourceId).HasMaxLength(255).IsRequired();
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Category).HasMaxLength(50).IsRequired();
        builder.Property(d => d.Currency).HasMaxLength(3).IsRequired();
        builder.Property(d => d.LedgerCurrency).HasMaxLength(3);
        builder.Property(d => d.Note).HasMaxLength(Discrepancy.MaxNoteLength);
        builder.Property(d => d.ResolvedBy).HasMaxLength(450);

        // One per Stripe object and kind, however often its period is run.
        builder.HasIndex(d => new { d.SourceId, d.Kind }).IsUnique();
        builder.HasIndex(d => new { d.Status, d.OccurredAt });
        builder.HasIndex(d => d.LastRunId);
    }
}

internal sealed class LedgerPeriodLockConfiguration : IEntityTypeConfiguration<LedgerPeriodLock>
{
    public void Configure(EntityTypeBuilder<LedgerPeriodLock> builder)
    {
        builder.ToTable("LedgerPeriodLocks");
        builder.HasKey(l => l.Month);
        builder.Property(l => l.LockedBy).HasMaxLength(450).IsRequired();
    }
}
