// These tests mount FUSE volumes and talk to Unix sockets: Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
