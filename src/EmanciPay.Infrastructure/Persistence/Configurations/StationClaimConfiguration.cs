using EmanciPay.Domain.Payments;
using EmanciPay.Domain.Recipients;
using EmanciPay.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmanciPay.Infrastructure.Persistence.Configurations;

internal sealed class StationClaimConfiguration : IEntityTypeConfiguration<StationClaim>
{
    public void Configure(EntityTypeBuilder<StationClaim> builder)
    {
        builder.ToTable("StationClaims");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasOne<Recipient>().WithMany().HasForeignKey(c => c.RecipientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.Email).HasMaxLength(StationClaim.MaxEmailLength).IsRequired();
        builder.Property(c => c.Phone).HasMaxLength(StationClaim.MaxPhoneLength).IsRequired();
        builder.Property(c => c.Note).HasMaxLength(StationClaim.MaxNoteLength).IsRequired();
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.EmailTokenHash).HasMaxLength(64).IsFixedLength();
        builder.Property(c => c.DecidedBy).HasMaxLength(450);
        builder.Property(c => c.DecisionReason).HasMaxLength(StationClaim.MaxReasonLength);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.IsOpen);

        // An admin's pending claims, competing claims for one station, and a claimant's own.
        builder.HasIndex(c => new { c.Status, c.SubmittedAt });
        builder.HasIndex(c => c.RecipientId);
        builder.HasIndex(c => c.UserId);
    }
}

internal sealed class StationClaimNoticeConfiguration : IEntityTypeConfiguration<StationClaimNotice>
{
    public void Configure(EntityTypeBuilder<StationClaimNotice> builder)
    {
        builder.ToTable("StationClaimNotices");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.HasOne<StationClaim>().WithMany().HasForeignKey(n => n.ClaimId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(n => n.Email).HasMaxLength(256).IsRequired();
        builder.Property(n => n.Reason).HasMaxLength(MailAttempts.MaxReasonLength).IsRequired();

        // One mail per address and claim, however many times the approval runs; the sweep's unsent notices.
        builder.HasIndex(n => new { n.ClaimId, n.Email }).IsUnique();
        builder.HasIndex(n => new { n.SentAt, n.FailedAt, n.NextAttemptAt });
    }
}
