// Smart Ops' Cockpit plugin while the dashboard capability is off (smartops.dashboard.enabled=false):
// it adds nothing to Cockpit.
export default [];
