using EmanciPay.Domain.Recipients;
using EmanciPay.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmanciPay.Infrastructure.Persistence.Configurations;

internal sealed class StationManagerAssignmentConfiguration : IEntityTypeConfiguration<StationManagerAssignment>
{
    public void Configure(EntityTypeBuilder<StationManagerAssignment> builder)
    {
        builder.ToTable("StationManagers");
        builder.HasKey(m => new { m.RecipientId, m.UserId });
        builder.HasOne<Recipient>().WithMany().HasForeignKey(m => m.RecipientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(m => m.AddedBy).HasMaxLength(450);

        // "Which stations do I manage?" on every portal page.
        builder.HasIndex(m => m.UserId);
    }
}

internal sealed class ConnectedAccountConfiguration : IEntityTypeConfiguration<ConnectedAccount>
{
    public void Configure(EntityTypeBuilder<ConnectedAccount> builder)
    {
        builder.ToTable("ConnectedAccounts");
        builder.HasKey(a => a.RecipientId);
        builder.HasOne<Recipient>().WithOne().HasForeignKey<ConnectedAccount>(a => a.RecipientId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.StripeAccountId).HasMaxLength(255).IsRequired();
        builder.HasIndex(a => a.StripeAccountId).IsUnique();
        builder.Property(a => a.CurrentlyDue).HasMaxLength(ConnectedAccount.MaxDueLength).IsRequired();
        builder.Property(a => a.DisabledReason).HasMaxLength(100);
        builder.Ignore(a => a.CurrentlyDueFields);
    }
}
