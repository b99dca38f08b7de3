using EmanciPay.Domain.Listening;
using EmanciPay.Domain.Recipients;
using EmanciPay.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmanciPay.Infrastructure.Persistence.Configurations;

internal sealed class ListeningSessionConfiguration : IEntityTypeConfiguration<ListeningSession>
{
    public void Configure(EntityTypeBuilder<ListeningSession> builder)
    {
        builder.ToTable("ListeningSessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasOne<AppUser>().WithMany().HasForeignKey(s => s.ListenerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Recipient>().WithMany().HasForeignKey(s => s.RecipientId).OnDelete(DeleteBehavior.Restrict);

        // A listener's month is read, summed per day and per station, by this index.
        builder.HasIndex(s => new { s.ListenerId, s.StartedAt });
    }
}
