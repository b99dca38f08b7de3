using EmanciPay.Domain.Payments;
using EmanciPay.Domain.Record;
using EmanciPay.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmanciPay.Infrastructure.Persistence.Configurations;

internal sealed class StatementMailingConfiguration : IEntityTypeConfiguration<StatementMailing>
{
    public void Configure(EntityTypeBuilder<StatementMailing> builder)
    {
        builder.ToTable("StatementMailings");
        builder.HasKey(m => new { m.ListenerId, m.Year });
        builder.Property(m => m.Reason).HasMaxLength(MailAttempts.MaxReasonLength).IsRequired();
        builder.HasIndex(m => new { m.Year, m.FailedAt });

        // A deleted account takes its mailings with it: their reasons may quote its address.
        builder.HasOne<AppUser>().WithMany().HasForeignKey(m => m.ListenerId).OnDelete(DeleteBehavior.Cascade);
    }
}
