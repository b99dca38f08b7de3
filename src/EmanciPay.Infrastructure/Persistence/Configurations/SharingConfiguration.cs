using EmanciPay.Domain.Payments;
using EmanciPay.Domain.Recipients;
using EmanciPay.Domain.Sharing;
using EmanciPay.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmanciPay.Infrastructure.Persistence.Configurations;

internal sealed class GivingProofConfiguration : IEntityTypeConfiguration<GivingProof>
{
    public void Configure(EntityTypeBuilder<GivingProof> builder)
    {
        builder.ToTable("GivingProofs");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasOne<AppUser>().WithMany().HasForeignKey(p => p.ListenerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Recipient>().WithMany().HasForeignKey(p => p.RecipientId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(p => p.TokenHash).HasMaxLength(64).IsRequired();

        // Anyone's check finds the proof by its token's hash; the listener lists theirs.
        builder.HasIndex(p => p.TokenHash).IsUnique();
        builder.HasIndex(p => p.ListenerId);
    }
}

internal sealed class GiverProfileConfiguration : IEntityTypeConfiguration<GiverProfile>
{
    public void Configure(EntityTypeBuilder<GiverProfile> builder)
    {
        builder.ToTable("GiverProfiles");
        builder.HasKey(p => p.ListenerId);
        builder.HasOne<AppUser>().WithOne().HasForeignKey<GiverProfile>(p => p.ListenerId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(p => p.Handle).HasMaxLength(GiverProfile.MaxHandleLength).IsRequired();
        builder.HasIndex(p => p.Handle).IsUnique();
    }
}

internal sealed class SharedGiftConfiguration : IEntityTypeConfiguration<SharedGift>
{
    public void Configure(EntityTypeBuilder<SharedGift> builder)
    {
        builder.ToTable("SharedGifts");
        builder.HasKey(g => g.PaymentId);
        builder.HasOne<Payment>().WithMany().HasForeignKey(g => g.PaymentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(g => g.ListenerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(g => g.ListenerId);
    }
}
