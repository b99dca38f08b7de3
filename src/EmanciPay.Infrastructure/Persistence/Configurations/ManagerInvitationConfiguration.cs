using EmanciPay.Domain.Recipients;
using EmanciPay.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmanciPay.Infrastructure.Persistence.Configurations;

internal sealed class ManagerInvitationConfiguration : IEntityTypeConfiguration<ManagerInvitation>
{
    public void Configure(EntityTypeBuilder<ManagerInvitation> builder)
    {
        builder.ToTable("ManagerInvitations");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.HasOne<Recipient>().WithMany().HasForeignKey(i => i.RecipientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(i => i.InvitedBy).OnDelete(DeleteBehavior.Cascade);
        builder.Property(i => i.Email).HasMaxLength(ManagerInvitation.MaxEmailLength).IsRequired();
        builder.Property(i => i.InvitedBy).HasMaxLength(450).IsRequired();
        builder.Property(i => i.AcceptedBy).HasMaxLength(450);
        builder.Property(i => i.TokenHash).HasMaxLength(64);

        // The link's token is looked up by its hash; "is this address invited already?" per station.
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => new { i.RecipientId, i.Email });
    }
}
