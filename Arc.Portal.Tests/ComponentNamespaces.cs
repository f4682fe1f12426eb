// The portal's components live in their features' folders; component tests reach any of them by name.
global using Arc.Portal.Components.Alarms;
global using Arc.Portal.Components.Audit;
global using Arc.Portal.Components.Authorities;
global using Arc.Portal.Components.Fleets;
global using Arc.Portal.Components.Models;
global using Arc.Portal.Components.Notes;
global using Arc.Portal.Components.Provisioning;
global using Arc.Portal.Components.Shadows;
global using Arc.Portal.Components.Shared;
global using Arc.Portal.Components.SideEffects;
global using Arc.Portal.Components.Telemetry;
global using Arc.Portal.Components.Vehicles;
