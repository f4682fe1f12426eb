using System.Globalization;

namespace Arc.Portal.Tests.Support;

/// <summary>s3rver, an S3 stand-in from npm, on a loopback port with one bucket, for the S3 file store's tests.</summary>
public static class S3Peer
{
    public const string Bucket = "arc-files";
    /// <summary>s3rver's own account: it checks signatures against these keys.</summary>
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    public static Task<NodePeer> StartAsync(int? port = null) =>
        NodePeer.StartAsync("s3rver/bin/s3rver.js",
            p => ["-d", ".", "-a", "127.0.0.1", "-p", p.ToString(CultureInfo.InvariantCulture), "--silent", "--configure-bucket", Bucket], "/", port: port);

    /// <summary>The portal settings of an S3 file store at the peer's address.</summary>
    public static Dictionary<string, string?> Settings(int port) => new()
    {
        ["Files:Provider"] = "s3",
        ["Files:Bucket"] = Bucket,
        ["Files:ServiceUrl"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/",
        ["Files:AccessKey"] = AccessKey,
        ["Files:SecretKey"] = SecretKey,
        ["Files:Timeout"] = "00:00:03",
    };

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
