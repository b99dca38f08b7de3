using EmanciPay.Domain.Payments;
using EmanciPay.Domain.Recipients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmanciPay.Infrastructure.Persistence.Configurations;

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> builder)
    {
        builder.ToTable("Refunds");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasOne<Payment>().WithMany().HasForeignKey(r => r.PaymentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Recipient>().WithMany().HasForeignKey(r => r.RecipientId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Reason).HasMaxLength(Refund.MaxReasonLength).IsRequired();
        builder.Property(r => r.RequestedBy).HasMaxLength(450);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.StripeRefundId).HasMaxLength(255);
        builder.Property(r => r.FailureMessage).HasMaxLength(300);
        builder.Ignore(r => r.StripeIdempotencyKey);
        builder.HasIndex(r => r.PaymentId);
        builder.HasIndex(r => r.StripeRefundId).IsUnique();
        builder.Property(r => r.RequestKey).HasMaxLength(Refund.MaxRequestKeyLength);
        builder.HasIndex(r => r.RequestKey).IsUnique();
    }
}

internal sealed class DisputeConfiguration : IEntityTypeConfiguration<Dispute>
{
    public void Configure(EntityTypeBuilder<Dispute> builder)
    {
        builder.ToTable("Disputes");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).HasMaxLength(Dispute.MaxIdLength).ValueGeneratedNever();
        builder.HasOne<Payment>().WithMany().HasForeignKey(d => d.PaymentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Recipient>().WithMany().HasForeignKey(d => d.RecipientId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(d => d.Status).HasMaxLength(40).IsRequired();
        builder.Property(d => d.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Ignore(d => d.Held);

        // The finance page: newest first, optionally of one outcome.
        builder.HasIndex(d => new { d.Outcome, d.OpenedAt });
        builder.HasIndex(d => d.OpenedAt);
        builder.HasIndex(d => d.PaymentId);
    }
}
