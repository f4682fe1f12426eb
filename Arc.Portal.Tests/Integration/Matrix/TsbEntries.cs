using Arc.Domain.Permissions;
using Arc.Domain.Tsbs;

namespace Arc.Portal.Tests.Integration.Matrix;

// The rows of the service bulletin use cases: each input is refused after the check (an unknown bulletin or file, a
// blank draft, a malformed VIN), so the matrix changes nothing.

public sealed class CreateTsbEntry : MatrixEntry<CreateTsb>
{
    public override string Requirement => Perm.TsbCreate;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<CreateTsb>().HandleAsync(new TsbDraft("", null, null, null, null, null));
}

public sealed class EditTsbEntry : MatrixEntry<EditTsb>
{
    public override string Requirement => Perm.TsbEdit;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<EditTsb>().HandleAsync(999_999, new TsbDraft("", null, null, null, null, null));
}

public sealed class DeleteTsbEntry : MatrixEntry<DeleteTsb>
{
    public override string Requirement => Perm.TsbDelete;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<DeleteTsb>().HandleAsync(999_999);
}

public sealed class GetTsbEntry : MatrixEntry<GetTsb>
{
    public override string Requirement => Perm.TsbRead;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<GetTsb>().HandleAsync(999_999);
}

public sealed class ListTsbsEntry : MatrixEntry<ListTsbs>
{
    public override string Requirement => Perm.TsbRead;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<ListTsbs>().HandleAsync(new TsbQuery(ModelYear: 1));
}

public sealed class GetTsbChoicesEntry : MatrixEntry<GetTsbChoices>
{
    public override string Requirement => Perm.TsbRead;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<GetTsbChoices>().HandleAsync();
}

public sealed class AddTsbAttachmentEntry : MatrixEntry<AddTsbAttachment>
{
    public override string Requirement => Perm.TsbEdit;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<AddTsbAttachment>().HandleAsync(999_999, "x.pdf", "%PDF-1.4"u8.ToArray());
}

public sealed class DeleteTsbAttachmentEntry : MatrixEntry<DeleteTsbAttachment>
{
    public override string Requirement => Perm.TsbEdit;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<DeleteTsbAttachment>().HandleAsync(999_999, 1);
}

public sealed class DownloadTsbAttachmentEntry : MatrixEntry<DownloadTsbAttachment>
{
    public override string Requirement => Perm.TsbRead;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<DownloadTsbAttachment>().HandleAsync(999_999, 1);
}

public sealed class ListVehicleTsbsEntry : MatrixEntry<ListVehicleTsbs>
{
    public override string Requirement => Perm.TsbVehicleRead;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<ListVehicleTsbs>().HandleAsync("NOTAVIN");
}
