using EmanciPay.Application.Payments;
using EmanciPay.Domain.Payments;
using EmanciPay.Domain.Pledges;
using EmanciPay.Domain.Recipients;
using EmanciPay.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmanciPay.Infrastructure.Persistence.Configurations;

internal sealed class PledgeConfiguration : IEntityTypeConfiguration<Pledge>
{
    public void Configure(EntityTypeBuilder<Pledge> builder)
    {
        builder.ToTable("Pledges");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasOne<Recipient>().WithMany().HasForeignKey(p => p.RecipientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(p => p.ListenerId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(p => p.Email).HasMaxLength(256).IsRequired();
        builder.Property(p => p.Message).HasMaxLength(Pledge.MaxMessageLength);
        builder.Property(p => p.Frequency).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.CheckoutSessionId).HasMaxLength(255);
        builder.Property(p => p.CheckoutUrl).HasMaxLength(2000);
        builder.Property(p => p.FailureReason).HasMaxLength(300);
        builder.Property(p => p.StripeCustomerId).HasMaxLength(255);
        builder.Property(p => p.PaymentMethodId).HasMaxLength(255);
        builder.HasIndex(p => new { p.Status, p.NextChargeAt });
        builder.HasIndex(p => p.RecipientId);
        builder.HasIndex(p => p.ListenerId);
        builder.HasIndex(p => p.CheckoutSessionId);
        builder.HasOne<Recipient>().WithMany().HasForeignKey(p => p.FallbackRecipientId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("Payments");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.PaymentIntentId).HasMaxLength(255).IsRequired();
        // A basket's PaymentIntent pays several pledges, one payment each; any other pays one.
        builder.HasIndex(p => new { p.PaymentIntentId, p.PledgeId }).IsUnique();
        builder.HasOne<Domain.Baskets.Basket>().WithMany().HasForeignKey(p => p.BasketId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.PledgeId);
        builder.HasIndex(p => p.ReceiptSentAt);
        builder.Property(p => p.RefundId).HasMaxLength(255);
        builder.HasIndex(p => new { p.RefundedAt, p.PaidAt });
        builder.HasOne<Pledge>().WithMany().HasForeignKey(p => p.PledgeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Domain.Ledger.JournalEntry>().WithMany().HasForeignKey(p => p.JournalEntryId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(p => p.Net);
        // Stored as its number, so that the payments made before it existed read as None.
        builder.Property(p => p.Disposal);
        builder.HasOne<Recipient>().WithMany().HasForeignKey(p => p.MovedToRecipientId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StripeEventConfiguration : IEntityTypeConfiguration<StripeEvent>
{
    public void Configure(EntityTypeBuilder<StripeEvent> builder)
    {
        builder.ToTable("StripeEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(StripeEvent.MaxIdLength);
        builder.Property(e => e.Type).HasMaxLength(StripeEvent.MaxTypeLength).IsRequired();
        builder.Property(e => e.ObjectType).HasMaxLength(StripeEvent.MaxTypeLength);
        builder.Property(e => e.ObjectId).HasMaxLength(StripeEvent.MaxIdLength);
        builder.Property(e => e.Payload).IsRequired();
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);

        // The workers' question: which events are waiting and due, oldest first; also which are ignored, by type.
        builder.HasIndex(e => new { e.Status, e.DueAt });

        // The daily prune's: which were processed before the retention period.
        builder.HasIndex(e => e.ProcessedAt);
    }
}
