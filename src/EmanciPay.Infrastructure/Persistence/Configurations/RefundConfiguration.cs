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
