# build_bd.tcl: Vivado block design, bitstream and hardware platform for the ZCU106.
#   vivado -mode batch -source build_bd.tcl     (after run_hls.tcl or the unified flow)
# Settings come from options.tcl. EECC_JOBS sets the number of parallel jobs;
# EECC_ALLOW_TIMING_FAILURE=1 writes the platform even when timing is not met (the
# failure is still reported).
set script_dir [file dirname [file normalize [info script]]]
source [file join $script_dir options.tcl]
set root [file normalize [file join $script_dir ..]]
set build_dir [file join $root build vivado]
set jobs 4
if {[info exists ::env(EECC_JOBS)]} { set jobs $::env(EECC_JOBS) }
set allow_timing_failure 0
if {[info exists ::env(EECC_ALLOW_TIMING_FAILURE)]} { set allow_timing_failure $::env(EECC_ALLOW_TIMING_FAILURE) }

proc eecc_fail {message} {
  puts "eecc: ERROR: $message"
  exit 1
}

# Project: the ZCU106 board part when its board files are installed, the part otherwise.
create_project -force $eecc(name) $build_dir -part $eecc(part)
set use_board [expr {[llength [get_board_parts -quiet $eecc(board_part)]] > 0}]
if {$use_board} {
  set_property board_part $eecc(board_part) [current_project]
} else {
  puts "eecc: WARNING: board files for $eecc(board_part) not found; using part $eecc(part) without the board preset (DDR and MIO settings must then come from a preset file)"
}

# The HLS IPs, from their exported archives.
set ip_repo [file join $root build ip_repo]
file mkdir $ip_repo
foreach ip $eecc(ips) {
  set zip [file join $root [dict get $ip zip]]
  if {![file exists $zip]} { eecc_fail "$zip is missing: run the HLS step first (make hls)" }
  update_ip_catalog -add_ip $zip -repo_path $ip_repo
}
set_property ip_repo_paths [list $ip_repo] [current_project]
update_ip_catalog -rebuild

create_bd_design $eecc(bd_name)
set ps [create_bd_cell -type ip -vlnv xilinx.com:ip:zynq_ultra_ps_e zynq_ultra_ps_e_0]
if {$use_board} {
  apply_bd_automation -rule xilinx.com:bd_rule:zynq_ultra_ps_e -config {apply_board_preset "1"} $ps
}
# One PL clock at the design's frequency, the HPM0 master for control, HP0 for data,
# and the PL-to-PS interrupt.
set_property -dict [list \
  CONFIG.PSU__USE__M_AXI_GP0 {1} \
  CONFIG.PSU__USE__M_AXI_GP1 {0} \
  CONFIG.PSU__USE__S_AXI_GP2 {1} \
  CONFIG.PSU__USE__IRQ0 {1} \
  CONFIG.PSU__FPGA_PL0_ENABLE {1} \
  CONFIG.PSU__CRL_APB__PL0_REF_CTRL__FREQMHZ $eecc(clock_mhz) \
] $ps

set irq [create_bd_cell -type ip -vlnv xilinx.com:ip:xlconcat irq_concat]
set_property CONFIG.NUM_PORTS [llength $eecc(ips)] $irq
set index 0
foreach ip $eecc(ips) {
  set name [dict get $ip name]
  set cell [create_bd_cell -type ip -vlnv [dict get $ip vlnv] ${name}_0]
  # Control: AXI-lite from the PS (interconnect, clock and reset by the automation).
  apply_bd_automation -rule xilinx.com:bd_rule:axi4 -config [list \
    Master {/zynq_ultra_ps_e_0/M_AXI_HPM0_FPD} Slave "/${name}_0/s_axi_control" \
    Clk_master {/zynq_ultra_ps_e_0/pl_clk0} Clk_slave {/zynq_ultra_ps_e_0/pl_clk0} \
    Clk_xbar {/zynq_ultra_ps_e_0/pl_clk0} intc_ip {New AXI SmartConnect} master_apm {0}] \
    [get_bd_intf_pins ${name}_0/s_axi_control]
  # Data: every m_axi bundle of the IP to DDR through HP0.
  foreach bundle [dict get $ip m_axi] {
    apply_bd_automation -rule xilinx.com:bd_rule:axi4 -config [list \
      Master "/${name}_0/m_axi_${bundle}" Slave {/zynq_ultra_ps_e_0/S_AXI_HP0_FPD} \
      Clk_master {/zynq_ultra_ps_e_0/pl_clk0} Clk_slave {/zynq_ultra_ps_e_0/pl_clk0} \
      Clk_xbar {/zynq_ultra_ps_e_0/pl_clk0} intc_ip {Auto} master_apm {0}] \
      [get_bd_intf_pins zynq_ultra_ps_e_0/S_AXI_HP0_FPD]
  }
  connect_bd_net [get_bd_pins ${name}_0/interrupt] [get_bd_pins irq_concat/In$index]
  incr index
}
connect_bd_net [get_bd_pins irq_concat/dout] [get_bd_pins zynq_ultra_ps_e_0/pl_ps_irq0]
# Abort channels of parallel exits: an AXI stream from each exit's IP to its stage's IP.
foreach stream $eecc(streams) {
  connect_bd_intf_net [get_bd_intf_pins [dict get $stream from]] [get_bd_intf_pins [dict get $stream to]]
}

assign_bd_address
validate_bd_design
save_bd_design
set bd_file [get_files $eecc(bd_name).bd]
generate_target all $bd_file
set wrapper [make_wrapper -files $bd_file -top]
add_files -norecurse $wrapper
set_property top $eecc(bd_name)_wrapper [current_fileset]
update_compile_order -fileset sources_1

launch_runs synth_1 -jobs $jobs
wait_on_run synth_1
if {[get_property PROGRESS [get_runs synth_1]] != "100%"} { eecc_fail "synthesis failed (see $build_dir)" }
launch_runs impl_1 -to_step write_bitstream -jobs $jobs
wait_on_run impl_1
if {[get_property PROGRESS [get_runs impl_1]] != "100%"} { eecc_fail "implementation failed (see $build_dir)" }

open_run impl_1
set reports [file join $root build reports]
file mkdir $reports
report_utilization -file [file join $reports utilization.rpt]
report_timing_summary -file [file join $reports timing_summary.rpt]
report_power -file [file join $reports power.rpt]
set wns [get_property STATS.WNS [get_runs impl_1]]
set whs [get_property STATS.WHS [get_runs impl_1]]
if {$wns < 0 || $whs < 0} {
  puts "eecc: ERROR: timing not met at $eecc(clock_ns) ns: WNS $wns ns, WHS $whs ns (see [file join $reports timing_summary.rpt]); try a longer --clock"
  if {!$allow_timing_failure} { exit 2 }
} else {
  puts "eecc: timing met at $eecc(clock_ns) ns: WNS $wns ns, WHS $whs ns"
}
write_hw_platform -fixed -include_bit -force -file [file join $root $eecc(xsa)]
puts "eecc: wrote [file join $root $eecc(xsa)]"
close_project
exit
