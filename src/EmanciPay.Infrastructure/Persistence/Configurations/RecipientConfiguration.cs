using EmanciPay.Domain.Recipients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmanciPay.Infrastructure.Persistence.Configurations;

internal sealed class RecipientConfiguration : IEntityTypeConfiguration<Recipient>
{
    public void Configure(EntityTypeBuilder<Recipient> builder)
    {
        builder.ToTable("Recipients");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Slug).HasMaxLength(40).IsRequired();
        builder.HasIndex(r => r.Slug).IsUnique();
        builder.Property(r => r.Name).HasMaxLength(Recipient.MaxNameLength).IsRequired();
        builder.Property(r => r.CallSign).HasMaxLength(20).IsRequired();
        builder.Property(r => r.Frequency).HasMaxLength(20).IsRequired();
        builder.Property(r => r.City).HasMaxLength(100).IsRequired();
        builder.Property(r => r.State).HasMaxLength(50).IsRequired();
        builder.Property(r => r.Website).HasMaxLength(300);
        builder.Property(r => r.SearchText).HasMaxLength(400).IsRequired();
        builder.Property(r => r.ProposedBy).HasMaxLength(450);
        builder.Property(r => r.DeclineReason).HasMaxLength(Recipient.MaxDeclineReasonLength);
        builder.Ignore(r => r.IsClaimed);
        builder.Ignore(r => r.IsListed);
        builder.Ignore(r => r.IsDeclined);
        builder.Ignore(r => r.AcceptsPledges);
    }
}
