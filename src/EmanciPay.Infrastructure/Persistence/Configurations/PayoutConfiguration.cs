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

        // A station's payout history, newest first; the sweep's approved payouts not yet finished.
        builder.HasIndex(p => new { p.RecipientId, p.RequestedAt });
        builder.HasIndex(p => new { p.Status, p.RetryAt });
    }
}
