using EmanciPay.Domain.Baskets;
using EmanciPay.Domain.Pledges;
using EmanciPay.Domain.Recipients;
using EmanciPay.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmanciPay.Infrastructure.Persistence.Configurations;

internal sealed class BasketConfiguration : IEntityTypeConfiguration<Basket>
{
    public void Configure(EntityTypeBuilder<Basket> builder)
    {
        builder.ToTable("Baskets");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).ValueGeneratedNever();
        // No key to the user row: a deleted listener's baskets stay in the books under a pseudonym (DeleteMyAccount).
        builder.Property(b => b.ListenerId).HasMaxLength(450);
        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(b => b.PaymentIntentId).HasMaxLength(255);
        builder.Property(b => b.FailureReason).HasMaxLength(300);
        builder.HasMany(b => b.Lines).WithOne().HasForeignKey(l => l.BasketId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(b => b.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);

        // One basket per listener, month and currency: the monthly sweep and its retries find it rather than open another.
        builder.HasIndex(b => new { b.ListenerId, b.Period, b.Currency }).IsUnique();
        builder.HasIndex(b => new { b.Status, b.NextAttemptAt });
    }
}

internal sealed class BasketLineConfiguration : IEntityTypeConfiguration<BasketLine>
{
    public void Configure(EntityTypeBuilder<BasketLine> builder)
    {
        builder.ToTable("BasketLines");
        builder.HasKey(l => new { l.BasketId, l.PledgeId });
        builder.Property(l => l.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Ignore(l => l.Net);
        builder.HasOne<Pledge>().WithMany().HasForeignKey(l => l.PledgeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Recipient>().WithMany().HasForeignKey(l => l.RecipientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => l.PledgeId);
    }
}

internal sealed class ListenerCardConfiguration : IEntityTypeConfiguration<ListenerCard>
{
    public void Configure(EntityTypeBuilder<ListenerCard> builder)
    {
        builder.ToTable("ListenerCards");
        builder.HasKey(c => c.ListenerId);
        builder.HasOne<AppUser>().WithOne().HasForeignKey<ListenerCard>(c => c.ListenerId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.CustomerId).HasMaxLength(255);
        builder.Property(c => c.PaymentMethodId).HasMaxLength(255);
    }
}
