using EmanciPay.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmanciPay.Infrastructure.Persistence.Configurations;

internal sealed class MailDeliveryConfiguration : IEntityTypeConfiguration<MailDelivery>
{
    public void Configure(EntityTypeBuilder<MailDelivery> builder)
    {
        builder.ToTable("MailDeliveries");
        builder.HasKey(d => new { d.PaymentId, d.Kind });
        builder.Property(d => d.Reason).HasMaxLength(MailAttempts.MaxReasonLength).IsRequired();
        builder.HasIndex(d => d.FailedAt);
        builder.HasOne<Payment>().WithMany().HasForeignKey(d => d.PaymentId).OnDelete(DeleteBehavior.Cascade);
    }
}
