using EmanciPay.Application.Behaviours;
using EmanciPay.Domain.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmanciPay.Infrastructure.Persistence.Configurations;

internal sealed class LedgerSealConfiguration : IEntityTypeConfiguration<LedgerSeal>
{
    public void Configure(EntityTypeBuilder<LedgerSeal> builder)
    {
        builder.ToTable("LedgerSeals");
        builder.HasKey(s => s.Position);
        builder.Property(s => s.Position).ValueGeneratedNever();

        // No foreign key to the entry: a deleted entry must leave its seal behind, to be reported.
        builder.HasIndex(s => s.EntryId).IsUnique();
        builder.Property(s => s.EntryHash).HasMaxLength(64).IsFixedLength().IsRequired();
        builder.Property(s => s.Hash).HasMaxLength(64).IsFixedLength().IsRequired();
    }
}

internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> builder)
    {
        builder.ToTable("AuditRecords");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.UserId).HasMaxLength(AuditRecord.MaxUserIdLength).IsRequired();
        builder.Property(r => r.UserEmail).HasMaxLength(AuditRecord.MaxEmailLength);
        builder.Property(r => r.Roles).HasMaxLength(AuditRecord.MaxRolesLength).IsRequired();
        builder.Property(r => r.Action).HasMaxLength(AuditRecord.MaxActionLength).IsRequired();
        builder.Property(r => r.Input).IsRequired();
        builder.Property(r => r.Changes).IsRequired();

        // The log is read newest first, filtered by date, person or action.
        builder.HasIndex(r => new { r.At, r.Id });
        builder.HasIndex(r => new { r.UserId, r.At });
        builder.HasIndex(r => new { r.Action, r.At });
    }
}
