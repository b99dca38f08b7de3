using EmanciPay.Domain.Recipients;
using EmanciPay.Domain.Terms;
using EmanciPay.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmanciPay.Infrastructure.Persistence.Configurations;

internal sealed class ListenerTermsConfiguration : IEntityTypeConfiguration<ListenerTerms>
{
    public void Configure(EntityTypeBuilder<ListenerTerms> builder)
    {
        builder.ToTable("ListenerTerms");
        builder.HasKey(t => t.ListenerId);
        builder.Property(t => t.Display).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Contact).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<AppUser>().WithOne().HasForeignKey<ListenerTerms>(t => t.ListenerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ListenerDetailsConfiguration : IEntityTypeConfiguration<ListenerDetails>
{
    public void Configure(EntityTypeBuilder<ListenerDetails> builder)
    {
        builder.ToTable("ListenerDetails");
        builder.HasKey(d => d.ListenerId);
        builder.Property(d => d.Name).HasMaxLength(ListenerDetails.MaxNameLength);
        builder.Property(d => d.PostalAddress).HasMaxLength(ListenerDetails.MaxPostalAddressLength);
        builder.HasOne<AppUser>().WithOne().HasForeignKey<ListenerDetails>(d => d.ListenerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TermsAgreementConfiguration : IEntityTypeConfiguration<TermsAgreement>
{
    public void Configure(EntityTypeBuilder<TermsAgreement> builder)
    {
        builder.ToTable("TermsAgreements");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.Terms).HasMaxLength(1000);
        builder.Property(a => a.Payload).HasMaxLength(4000);
        builder.Property(a => a.Signature).HasMaxLength(200);
        builder.Property(a => a.KeyId).HasMaxLength(16);
        builder.HasOne<Recipient>().WithMany().HasForeignKey(a => a.RecipientId).OnDelete(DeleteBehavior.Restrict);

        // The station's agreement in force is its newest by a current manager.
        builder.HasIndex(a => new { a.RecipientId, a.AgreedAt });
    }
}
