using EmanciPay.Domain.Payouts;
using EmanciPay.Domain.Recipients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmanciPay.Infrastructure.Persistence.Configurations;

internal sealed class PayoutConfiguration : IEntityTypeConfiguration<Payout>
{
    public void Configure(EntityTypeBuilder<Payout> builder)
    {
        builder.ToTable("Payouts");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasOne<Recipient>().WithMany().HasForeignKey(p => p.RecipientId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.RequestedBy).HasMaxLength(450).IsRequired();
        builder.Property(p => p.ApprovedBy).HasMaxLength(450);
        builder.Property(p => p.TransferId).HasMaxLength(255);
        builder.Property(p => p.Reason).HasMaxLength(Payout.MaxReasonLength);
        builder.Ignore(p => p.IsFinished);
        builder.Ignore(p => p.TransferIdempotencyKey);

        // Claiming a transfer attempt increments it: of two workers claiming at once, the second's update finds no row.
        builder.Property(p => p.Attempts).IsConcurrencyToken();

        // A station's payout history, newest first; the sweep's approved payouts not yet finished.
        builder.HasIndex(p => new { p.RecipientId, p.RequestedAt });
        builder.HasIndex(p => new { p.Status, p.RetryAt });
    }
}

internal sealed class PayoutScheduleConfiguration : IEntityTypeConfiguration<PayoutSchedule>
{
    public void Configure(EntityTypeBuilder<PayoutSchedule> builder)
    {
        builder.ToTable("PayoutSchedules");
        builder.HasKey(s => new { s.RecipientId, s.Currency });
        builder.HasOne<Recipient>().WithMany().HasForeignKey(s => s.RecipientId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.Frequency).HasConversion<string>().HasMaxLength(10);
        builder.Property(s => s.SetBy).HasMaxLength(450).IsRequired();
        builder.Property(s => s.SetAsideReason).HasMaxLength(Payout.MaxReasonLength);

        // Two runs of one due schedule: the second's update finds the date moved and makes no second payout.
        builder.Property(s => s.NextDueAt).IsConcurrencyToken();
        builder.HasIndex(s => s.NextDueAt);
    }
}
