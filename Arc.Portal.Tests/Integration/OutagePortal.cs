using System.Net;
using Arc.Domain.Common;
using Arc.Domain.Provisioning;
using Arc.Domain.Shadows;
using Arc.Infrastructure.Provisioning;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration;

/// <summary>How an AWS service can fail: refusing connections, answering with an error status, or never answering.</summary>
public enum Outage { None, Refused, ErrorStatus, Timeout }

internal static class Outages
{
    public static async Task ThrowIfDownAsync(Outage outage, CancellationToken ct)
    {
        switch (outage)
        {
            case Outage.Refused:
                throw new HttpRequestException("Connection refused (iot.us-west-2.amazonaws.com:443)");
            case Outage.ErrorStatus:
                throw new HttpRequestException("Response status code does not indicate success: 503 (Service Unavailable).", null, HttpStatusCode.ServiceUnavailable);
            case Outage.Timeout:
                await Task.Delay(TimeSpan.FromMilliseconds(300), ct);
                throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 20 seconds elapsing.");
        }
    }
}

/// <summary>A shadow service that can be made to fail as AWS IoT does in an outage.</summary>
public sealed class SwitchableShadows(IDeviceShadows inner) : IDeviceShadows
{
    public Outage Outage { get; set; }

    public Task<ShadowDocument?> GetAsync(string thingName, CancellationToken ct = default) => inner.GetAsync(thingName, ct);

    public async Task<ShadowDocument> UpdateAsync(string thingName, ShadowUpdate update, CancellationToken ct = default)
    {
        await Outages.ThrowIfDownAsync(Outage, ct);
        return await inner.UpdateAsync(thingName, update, ct);
    }

    public async Task<bool> DeleteAsync(string thingName, CancellationToken ct = default)
    {
        await Outages.ThrowIfDownAsync(Outage, ct);
        return await inner.DeleteAsync(thingName, ct);
    }
}

/// <summary>A device registry that can be made to fail as the AWS IoT control plane does in an outage.</summary>
public sealed class SwitchableRegistry(IDeviceRegistry inner) : IDeviceRegistry
{
    public Outage Outage { get; set; }

    public string Endpoint => inner.Endpoint;
    public string RootCertificatePem => inner.RootCertificatePem;

    public async Task<ThingInfo?> DescribeThingAsync(string thingName, CancellationToken ct = default)
    {
        await Outages.ThrowIfDownAsync(Outage, ct);
        return await inner.DescribeThingAsync(thingName, ct);
    }

    public async Task<ThingInfo> CreateThingAsync(string thingName, string thingGroup, IReadOnlyDictionary<string, string> attributes, CancellationToken ct = default)
    {
        await Outages.ThrowIfDownAsync(Outage, ct);
        return await inner.CreateThingAsync(thingName, thingGroup, attributes, ct);
    }

    public async Task<bool> DeleteThingAsync(string thingName, CancellationToken ct = default)
    {
        await Outages.ThrowIfDownAsync(Outage, ct);
        return await inner.DeleteThingAsync(thingName, ct);
    }

    public async Task<IReadOnlyList<string>> ListThingCertificatesAsync(string thingName, CancellationToken ct = default)
    {
        await Outages.ThrowIfDownAsync(Outage, ct);
        return await inner.ListThingCertificatesAsync(thingName, ct);
    }

    public async Task<DeviceCertificate> CreateCertificateAsync(string thingName, IReadOnlyList<string> policies, CancellationToken ct = default)
    {
        await Outages.ThrowIfDownAsync(Outage, ct);
        return await inner.CreateCertificateAsync(thingName, policies, ct);
    }

    public async Task RevokeCertificateAsync(string thingName, string certificateId, CancellationToken ct = default)
    {
        await Outages.ThrowIfDownAsync(Outage, ct);
        await inner.RevokeCertificateAsync(thingName, certificateId, ct);
    }
}

public sealed class OutagePortal : IAsyncLifetime
{
    public PortalServer Portal { get; } = new();
    public SwitchableShadows Shadows { get; private set; } = default!;
    public SwitchableRegistry Registry { get; private set; } = default!;

    public Task InitializeAsync()
    {
        Portal.ConfigureServices = services =>
        {
            services.AddSingleton<IDeviceShadows>(sp => Shadows = new SwitchableShadows(ActivatorUtilities.CreateInstance<Arc.Infrastructure.Shadows.LocalDeviceShadows>(sp)));
            services.AddSingleton<IDeviceRegistry>(sp => Registry = new SwitchableRegistry(sp.GetRequiredService<LocalDeviceRegistry>()));
        };
        return Portal.InitializeAsync();
    }

    public Task DisposeAsync() => Portal.DisposeAsync();
}
