using System.Text;
using Arc.Domain.Common;
using Arc.Domain.Files;
using Arc.Infrastructure.Files;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration;

public sealed class S3PeerFixture : IAsyncLifetime
{
    public NodePeer Peer { get; private set; } = default!;

    public async Task InitializeAsync() => Peer = await S3Peer.StartAsync();

    public Task DisposeAsync() => Peer.DisposeAsync().AsTask();

    public S3FileStore Store(string bucket = S3Peer.Bucket)
    {
        var options = new FilesOptions
        {
            Provider = "s3", Bucket = bucket, ServiceUrl = Peer.Url, AccessKey = S3Peer.AccessKey, SecretKey = S3Peer.SecretKey,
            Timeout = TimeSpan.FromSeconds(5),
        };
        return new S3FileStore(S3FileStore.CreateClient(options, "us-west-2"), bucket);
    }
}

/// <summary>The S3 file store (AWSSDK.S3) against s3rver, a real implementation of the S3 REST API.</summary>
public sealed class S3FileStoreTests(S3PeerFixture fixture) : IClassFixture<S3PeerFixture>
{
    [Fact]
    public async Task A_file_written_under_a_folder_key_is_read_back_and_a_second_write_replaces_it()
    {
        var store = fixture.Store();
        var key = $"client-{Guid.NewGuid():N}/2026_11_dev.json";
        Assert.False(await store.ExistsAsync(key));

        await store.PutAsync(key, Encoding.UTF8.GetBytes("{\"vehicles\":[]}"), "application/json");
        Assert.True(await store.ExistsAsync(key));
        Assert.Equal("{\"vehicles\":[]}", Encoding.UTF8.GetString(await store.GetAsync(key)));

        await store.PutAsync(key, Encoding.UTF8.GetBytes("{\"vehicles\":[1]}"), "application/json");
        Assert.Equal("{\"vehicles\":[1]}", Encoding.UTF8.GetString(await store.GetAsync(key)));
    }

    [Fact]
    public async Task A_missing_file_is_not_found_and_a_missing_bucket_is_unavailable()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => fixture.Store().GetAsync("nothing-here.json"));
        var missing = fixture.Store("no-such-bucket");
        await Assert.ThrowsAsync<ServiceUnavailableException>(() => missing.PutAsync("a.json", [1], "application/json"));
    }

    [Theory]
    [InlineData("../escape.json")]
    [InlineData("a/../../b.json")]
    [InlineData("/rooted.json")]
    [InlineData("spaces in name.json")]
    [InlineData("")]
    public async Task A_key_that_could_leave_its_folder_is_refused_before_anything_is_sent(string key)
    {
        await Assert.ThrowsAsync<ValidationFailedException>(() => fixture.Store().PutAsync(key, [1], "application/json"));
        var local = new LocalFileStore(Path.Combine(Path.GetTempPath(), "arc-files-" + Guid.NewGuid().ToString("N")[..8]));
        await Assert.ThrowsAsync<ValidationFailedException>(() => local.PutAsync(key, [1], "application/json"));
        Assert.False(Directory.Exists(local.Directory) && Directory.EnumerateFileSystemEntries(local.Directory).Any());
    }
}
