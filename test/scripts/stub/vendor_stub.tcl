# vendor_stub.tcl: the Vitis HLS, Vivado and XSCT commands that eecc's scripts use, as a
# Tcl stub: every call is checked against the command's options (unknown options,
# missing values and wrong argument counts are errors), recorded in $env(EECC_STUB_LOG),
# and answered with what later calls need (files the real tool would write, handles).
# Any command the stub does not define is an error, so a script can only use what this
# file vouches for.
#   tclsh vendor_stub.tcl hls|vivado|xsct SCRIPT      run SCRIPT under the stub
#   tclsh vendor_stub.tcl cfg csim|synth CFG WORKDIR  check a unified-flow hls_config.cfg
namespace eval stub {
  variable tool
  variable log $::env(EECC_STUB_LOG)
  variable calls 0
  variable state
  array set state {}
}

proc stub::record {words} {
  variable log
  variable calls
  incr calls
  set f [open $log a]
  puts $f $words
  close $f
}

proc stub::fail {message} {
  variable tool
  puts stderr "stub($tool): $message"
  exit 3
}

# stub::define NAME TOOLS SPEC MIN MAX BODY: SPEC lists options; "-x=" takes a value.
proc stub::define {name tools spec min max {body {}}} {
  variable tool
  if {$tool ni $tools} return
  set flags {}
  foreach option $spec {
    if {[string index $option end] eq "="} {
      dict set flags [string range $option 0 end-1] 1
    } else {
      dict set flags $option 0
    }
  }
  proc ::$name {args} [string map [list @NAME@ $name @FLAGS@ [list $flags] @MIN@ $min @MAX@ $max @BODY@ $body] {
    set opts [dict create]
    set positional {}
    for {set i 0} {$i < [llength $args]} {incr i} {
      set word [lindex $args $i]
      if {[string index $word 0] eq "-" && ![string is double -strict $word]} {
        if {![dict exists @FLAGS@ $word]} { stub::fail "@NAME@: unknown option $word" }
        if {[dict get @FLAGS@ $word]} {
          incr i
          if {$i >= [llength $args]} { stub::fail "@NAME@: option $word needs a value" }
          dict set opts $word [lindex $args $i]
        } else {
          dict set opts $word 1
        }
      } else {
        lappend positional $word
      }
    }
    if {[llength $positional] < @MIN@ || ([string is integer @MAX@] && [llength $positional] > @MAX@)} {
      stub::fail "@NAME@: takes @MIN@..@MAX@ arguments, got [llength $positional]: $args"
    }
    stub::record [linsert $args 0 @NAME@]
    @BODY@
  }]
}

proc stub::touch {path} {
  file mkdir [file dirname $path]
  set f [open $path w]
  puts $f "stub output"
  close $f
}

proc stub::need_file {command path} {
  if {![file exists $path]} { stub::fail "$command: no such file: $path" }
}

# ---- Vitis HLS (classic flow) ----
proc stub::define_hls {} {
  stub::define open_project hls {-reset} 1 1 { set ::stub::state(project) [lindex $positional 0] }
  stub::define set_top hls {} 1 1 { set ::stub::state(top) [lindex $positional 0] }
  stub::define add_files hls {-tb -cflags= -csimflags=} 1 1 {
    stub::need_file add_files [lindex $positional 0]
    if {[dict exists $opts -tb]} { lappend ::stub::state(tb) [lindex $positional 0] } else { lappend ::stub::state(files) [lindex $positional 0] }
  }
  stub::define open_solution hls {-reset -flow_target=} 1 1 {
    if {![info exists ::stub::state(project)]} { stub::fail "open_solution before open_project" }
    set ::stub::state(solution) [lindex $positional 0]
  }
  stub::define set_part hls {} 1 1 {
    if {![info exists ::stub::state(solution)]} { stub::fail "set_part before open_solution" }
  }
  stub::define create_clock hls {-period= -name=} 0 0 {
    if {![dict exists $opts -period]} { stub::fail "create_clock: -period is required" }
  }
  stub::define csim_design hls {-argv= -clean -O -ldflags=} 0 0 {
    if {![info exists ::stub::state(tb)]} { stub::fail "csim_design without a testbench" }
  }
  stub::define csynth_design hls {} 0 0 {
    if {![info exists ::stub::state(top)] || ![info exists ::stub::state(files)]} { stub::fail "csynth_design without set_top and sources" }
    set ::stub::state(synthesized) 1
  }
  stub::define cosim_design hls {-argv= -rtl= -trace_level= -tool=} 0 0 {
    if {![info exists ::stub::state(synthesized)]} { stub::fail "cosim_design before csynth_design" }
  }
  stub::define export_design hls {-format= -rtl= -vendor= -library= -version= -ipname= -output= -description= -display_name=} 0 0 {
    if {![info exists ::stub::state(synthesized)]} { stub::fail "export_design before csynth_design" }
    if {![dict exists $opts -output]} { stub::fail "export_design: -output is required by eecc's flow" }
    stub::touch [dict get $opts -output]
  }
  stub::define close_project hls {} 0 0
}

# ---- Vivado ----
proc stub::define_vivado {} {
  stub::define create_project vivado {-force -part=} 2 2 { set ::stub::state(vivado_dir) [lindex $positional 1] }
  stub::define get_board_parts vivado {-quiet} 0 1 {
    if {[info exists ::env(EECC_STUB_NO_BOARD)]} { return {} }
    return [lindex $positional 0]
  }
  stub::define current_project vivado {} 0 0 { return project_1 }
  stub::define current_fileset vivado {} 0 0 { return sources_1 }
  stub::define set_property vivado {-dict= -name=} 1 3
  stub::define get_property vivado {} 2 2 {
    set property [lindex $positional 0]
    switch -- $property {
      PROGRESS { return "100%" }
      STATS.WNS { if {[info exists ::env(EECC_STUB_WNS)]} { return $::env(EECC_STUB_WNS) } else { return 0.412 } }
      STATS.WHS { return 0.010 }
      default { return "" }
    }
  }
  stub::define update_ip_catalog vivado {-add_ip= -repo_path= -rebuild} 0 0 {
    if {[dict exists $opts -add_ip]} { stub::need_file update_ip_catalog [dict get $opts -add_ip] }
  }
  stub::define create_bd_design vivado {} 1 1 { set ::stub::state(bd) [lindex $positional 0] }
  stub::define create_bd_cell vivado {-type= -vlnv=} 1 1 {
    if {![dict exists $opts -vlnv]} { stub::fail "create_bd_cell: -vlnv is required" }
    lappend ::stub::state(cells) [lindex $positional 0]
    return [lindex $positional 0]
  }
  stub::define apply_bd_automation vivado {-rule= -config=} 1 1
  stub::define get_bd_intf_pins vivado {} 1 1 { return [lindex $positional 0] }
  stub::define get_bd_pins vivado {} 1 1 {
    set cell [lindex [split [lindex $positional 0] /] 0]
    if {$cell ni $::stub::state(cells)} { stub::fail "get_bd_pins: no cell $cell" }
    return [lindex $positional 0]
  }
  stub::define connect_bd_net vivado {} 2 2
  stub::define connect_bd_intf_net vivado {} 2 2
  stub::define assign_bd_address vivado {} 0 0
  stub::define validate_bd_design vivado {} 0 0
  stub::define save_bd_design vivado {} 0 0
  stub::define get_files vivado {} 1 1 { return [lindex $positional 0] }
  stub::define generate_target vivado {} 2 2
  stub::define make_wrapper vivado {-files= -top} 0 0 {
    return [file join $::stub::state(vivado_dir) wrapper.v]
  }
  stub::define add_files vivado {-norecurse} 1 1
  stub::define update_compile_order vivado {-fileset=} 0 0
  stub::define launch_runs vivado {-jobs= -to_step=} 1 1 {
    if {[lindex $positional 0] eq "impl_1" && ![info exists ::stub::state(synth)]} { stub::fail "impl_1 before synth_1" }
    set ::stub::state(synth) 1
  }
  stub::define wait_on_run vivado {} 1 1
  stub::define get_runs vivado {} 1 1 { return [lindex $positional 0] }
  stub::define open_run vivado {} 1 1
  stub::define report_utilization vivado {-file=} 0 0 { stub::touch [dict get $opts -file] }
  stub::define report_timing_summary vivado {-file=} 0 0 { stub::touch [dict get $opts -file] }
  stub::define report_power vivado {-file=} 0 0 { stub::touch [dict get $opts -file] }
  stub::define write_hw_platform vivado {-fixed -include_bit -force -file=} 0 0 {
    foreach required {-fixed -include_bit -file} {
      if {![dict exists $opts $required]} { stub::fail "write_hw_platform: $required is required" }
    }
    stub::touch [dict get $opts -file]
  }
  stub::define close_project vivado {} 0 0
}

# ---- XSCT ----
proc stub::define_xsct {} {
  stub::define setws xsct {} 1 1
  stub::define platform xsct {-name= -hw= -proc= -os= -out=} 1 1 {
    set sub [lindex $positional 0]
    if {$sub eq "create"} {
      foreach required {-name -hw -proc -os} {
        if {![dict exists $opts $required]} { stub::fail "platform create: $required is required" }
      }
      stub::need_file "platform create" [dict get $opts -hw]
    } elseif {$sub ni {write generate}} { stub::fail "platform: unknown subcommand $sub" }
  }
  stub::define app xsct {-name= -platform= -domain= -template= -lang=} 1 1 {
    set sub [lindex $positional 0]
    if {$sub ni {create build}} { stub::fail "app: unknown subcommand $sub" }
    if {![dict exists $opts -name]} { stub::fail "app $sub: -name is required" }
  }
  stub::define importsources xsct {-name= -path=} 0 0 {
    stub::need_file importsources [dict get $opts -path]
  }
}

# ---- the unified flow's hls_config.cfg ----
proc stub::check_cfg {mode cfg workdir} {
  stub::need_file cfg $cfg
  set dir [file dirname [file normalize $cfg]]
  set section ""
  set keys [dict create]
  set f [open $cfg r]
  set lineno 0
  while {[gets $f line] >= 0} {
    incr lineno
    set line [string trim $line]
    if {$line eq "" || [string index $line 0] eq "#"} continue
    if {[regexp {^\[(\w+)\]$} $line -> section]} continue
    if {![regexp {^([A-Za-z_.]+)=(.*)$} $line -> key value]} { stub::fail "$cfg:$lineno: not key=value: $line" }
    if {$section eq "" && $key ne "part"} { stub::fail "$cfg:$lineno: $key outside \[hls\]" }
    set known {part flow_target clock syn.top syn.file syn.file_cflags tb.file tb.file_cflags csim.argv cosim.argv cosim.rtl package.output.format package.output.file package.ip.name package.ip.vendor package.ip.library package.ip.version}
    if {$key ni $known} { stub::fail "$cfg:$lineno: unknown key $key" }
    dict lappend keys $key $value
    if {$key in {syn.file tb.file}} { stub::need_file $key [file join $dir $value] }
    if {$key in {syn.file_cflags tb.file_cflags}} {
      set file [lindex [split $value ,] 0]
      if {$file ni [dict get $keys [string map {_cflags ""} $key]]} { stub::fail "$cfg:$lineno: cflags for a file not listed: $file" }
    }
  }
  close $f
  foreach required {part syn.top syn.file clock package.output.format package.output.file} {
    if {![dict exists $keys $required]} { stub::fail "$cfg: $required is missing" }
  }
  stub::record [list cfg $mode [dict get $keys syn.top] $workdir]
  if {$mode eq "synth"} {
    stub::touch [file join $dir [lindex [dict get $keys package.output.file] 0]]
  } elseif {$mode eq "csim" && ![dict exists $keys csim.argv]} {
    stub::fail "$cfg: csim without csim.argv"
  }
}

set stub::tool [lindex $argv 0]
if {$stub::tool eq "cfg"} {
  stub::check_cfg [lindex $argv 1] [lindex $argv 2] [lindex $argv 3]
  exit 0
}
switch -- $stub::tool {
  hls { stub::define_hls }
  vivado { stub::define_vivado }
  xsct { stub::define_xsct }
  default { puts stderr "usage: vendor_stub.tcl hls|vivado|xsct SCRIPT"; exit 2 }
}
# Tcl's own commands stay; anything else is a vendor command the stub does not know.
proc unknown {args} { stub::fail "unknown command: [lindex $args 0]" }
set script [lindex $argv 1]
set argv [lrange $argv 2 end]
set argc [llength $argv]
set ::argv0 $script
stub::record [list source $stub::tool [file tail $script]]
# `exit` inside the script ends the stub with the script's code.
source $script
